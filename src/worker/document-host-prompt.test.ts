import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import { countTokens } from '../core/program/prompt/token-count';

function programWith(demoCount: number): Uint8Array {
  const demos = Array.from({ length: demoCount }, (_, i) => ({
    augmented: true,
    question: `Question number ${i}?`,
    answer: `Answer ${'word '.repeat(i % 7)}${i}`,
  }));
  const state = {
    answer: {
      traces: [],
      train: [],
      demos,
      signature: {
        instructions: 'Answer the question.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Answer:', description: 'a short answer' },
        ],
      },
      lm: null,
    },
    metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
  };
  return new TextEncoder().encode(JSON.stringify(state, null, 2));
}

async function open(demoCount: number): Promise<DocumentHost> {
  const host = new DocumentHost();
  const b = programWith(demoCount);
  await host.open({ source: { kind: 'bytes', bytes: b.buffer.slice(0) as ArrayBuffer, name: 'p.json' } }, () => undefined);
  return host;
}

describe('DocumentHost prompt methods (the worker side of the Prompt tab)', () => {
  it('renders a predictor and follows a demo edit', async () => {
    const host = await open(2);
    const before = host.prompt({ moduleId: 'answer' });
    expect(before.follows).toBe('DSPy 3.3.1 ChatAdapter');
    expect(before.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(before.messages[2]?.content).toBe('[[ ## answer ## ]]\nAnswer 0\n\n[[ ## completed ## ]]\n');
    host.edit({ edit: { kind: 'demo-field', moduleId: 'answer', demoIndex: 0, field: 'answer', value: 'Edited answer' } });
    expect(host.prompt({ moduleId: 'answer' }).messages[2]?.content).toBe('[[ ## answer ## ]]\nEdited answer\n\n[[ ## completed ## ]]\n');
    const tried = host.prompt({ moduleId: 'answer', inputs: { question: 'What is typed?' } });
    expect(tried.messages.at(-1)?.content).toMatch(/^\[\[ ## question ## \]\]\nWhat is typed\?\n\n/);
  });

  it("counts a 100-demo predictor's prompt as the token worker does: per message, total and each demo", async () => {
    const host = await open(100);
    const counts = await countTokens('o200k_base', host.prompt({ moduleId: 'answer' }).messages);
    expect(counts.perMessage).toHaveLength(202);
    expect(counts.demos).toHaveLength(100);
    expect(counts.demos.reduce((a, d) => a + d.tokens, 0)).toBeLessThan(counts.total);
    expect(counts.demos[6]?.tokens).toBeGreaterThan(counts.demos[0]?.tokens ?? Infinity);
  });

  it('writes every predictor as a Markdown report or JSONL', async () => {
    const host = await open(1);
    const md = host.promptReport({ format: 'md' });
    expect(md.count).toBe(1);
    expect(md.text).toMatch(/^# Prompts of p\.json\n/);
    expect(md.text).toContain('### system');
    const jsonl = host.promptReport({ format: 'jsonl', adapter: 'json' });
    const line = JSON.parse(jsonl.text.trim()) as { module: string; messages: Array<{ role: string; content: string }> };
    expect(line.module).toBe('answer');
    expect(line.messages[2]?.content).toBe('{\n  "answer": "Answer 0"\n}');
  });
});
