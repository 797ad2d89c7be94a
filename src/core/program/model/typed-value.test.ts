import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { readDemos } from './demos';
import { classifyTypedValue, CUSTOM_TYPE_END, CUSTOM_TYPE_START, replaceImage } from './typed-value';

const value = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/dspy-shapes/typed-demos.json'))) as Record<string, unknown>;
const program = analyzeProgram(value);
const GREEN = `data:image/png;base64,${Buffer.from(readRepoFile('fixtures/dspy-shapes/replacement.png')).toString('base64')}`;

describe('typed demo values', () => {
  it('tells images in both saved forms, with their type and decoded size', () => {
    const [a, b] = readDemos(value, program, 'describe', 0, 2);
    expect(a?.typed?.image).toMatchObject({ kind: 'image', form: 'custom-type', mediaType: 'image/png' });
    expect(b?.typed?.image).toMatchObject({ kind: 'image', form: 'url-object', mediaType: 'image/png' });
    const url = (b?.typed?.image as { url: string }).url;
    expect((b?.typed?.image as { bytes: number }).bytes).toBe(Buffer.from(url.split(',')[1] ?? '', 'base64').length);
  });

  it('tells History, ToolCalls, a ReAct trajectory and next_tool_args', () => {
    const [a] = readDemos(value, program, 'describe', 0, 1);
    expect(a?.typed?.history).toEqual({ kind: 'history', messages: [{ question: 'What colour is the sky?', answer: 'Blue' }] });
    const [r] = readDemos(value, program, 'react', 0, 1);
    expect(r?.typed?.trajectory).toEqual({
      kind: 'trajectory',
      steps: [{ index: 0, thought: 'I should search.', toolName: 'search', toolArgs: { query: 'Eiffel Tower height' }, observation: '330 m' }],
    });
    expect(r?.typed?.next_tool_args).toEqual({ kind: 'tool-args', args: {} });
    const [t] = readDemos(value, program, 'tools', 0, 1);
    expect(t?.typed?.tool_calls).toEqual({
      kind: 'tool-calls',
      calls: [
        { name: 'weather', args: { city: 'Paris' } },
        { name: 'weather', args: { city: 'Rome' } },
      ],
    });
    expect(r?.typed?.question).toBeUndefined();
  });

  it('keeps dspy_uuid and dspy_split as metadata, not fields', () => {
    const [, b] = readDemos(value, program, 'describe', 0, 2);
    expect(b?.fields.map(([k]) => k)).toEqual(['image', 'history', 'question', 'answer']);
    expect(b?.flags).toEqual({ dspy_uuid: '0c7d1b8e-9a51-4f1e-8a55-1b9f0f1d7e01', dspy_split: 'dev' });
  });

  it('replaces an image in the form it was saved in', () => {
    const demos = value.describe as { demos: Array<Record<string, unknown>> };
    const custom = demos.demos[0]?.image as string;
    const replaced = replaceImage(custom, GREEN) as string;
    expect(replaced.startsWith(`${CUSTOM_TYPE_START}[{"type": "image_url", "image_url": {"url": "data:image/png;base64,`)).toBe(true);
    expect(replaced.endsWith(`"}}]${CUSTOM_TYPE_END}`)).toBe(true);
    expect(classifyTypedValue(replaced)).toMatchObject({ form: 'custom-type', url: GREEN });
    expect(replaceImage(demos.demos[1]?.image, GREEN)).toEqual({ url: GREEN });
    expect(() => replaceImage('plain text', GREEN)).toThrow(/not an image/);
  });

  it('never fetches: a remote URL is named, not shown as a data image', () => {
    expect(classifyTypedValue({ url: 'https://example.com/cat.png' })).toEqual({ kind: 'image', form: 'url-object', url: 'https://example.com/cat.png' });
    expect(classifyTypedValue({ url: 'not an image' })).toBeUndefined();
    expect(classifyTypedValue(`${CUSTOM_TYPE_START}not json${CUSTOM_TYPE_END}`)).toBeUndefined();
  });
});
