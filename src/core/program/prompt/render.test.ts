import { describe, expect, it } from 'vitest';
import expectations from './dspy-adapter-expectations.json';
import { renderMessages, systemMessage, type RenderOptions } from './render';
import type { AdapterId, PromptDemo, PromptField, PromptMessage, PromptSignature } from './prompt-types';
import { annotationName, parseType } from './type-expr';

/** A signature as DSPy's tests declare it: [name, role, type, desc?]. */
type FieldRow = [string, 'input' | 'output', string, string?];

function sig(instructions: string | undefined, rows: FieldRow[]): PromptSignature {
  const fields: PromptField[] = rows.map(([name, role, type, desc]) => ({
    name,
    role,
    type: parseType(type),
    description: desc ?? `\${${name}}`,
    nameInferred: false,
    roleInferred: false,
    typeSource: 'signature',
  }));
  const names = (r: string) =>
    fields
      .filter((f) => f.role === r)
      .map((f) => `\`${f.name}\``)
      .join(', ');
  return { instructions: instructions ?? `Given the fields ${names('input')}, produce the fields ${names('output')}.`, fields };
}

interface Case {
  adapter: AdapterId;
  signature: PromptSignature;
  demos: Record<string, unknown>[];
  inputs: Record<string, unknown>;
  /** format_system_message only. */
  systemOnly?: boolean;
}

/** The signatures, demos and inputs of DSPy 3.3.1's adapter tests; the expected messages are its own (see scripts/port-dspy-adapter-tests.py). */
const CASES: Record<string, Case> = {
  'test_chat_adapter::test_chat_adapter_format_exact_messages_for_simple_signature': {
    adapter: 'chat',
    signature: sig('Answer the question.', [
      ['question', 'input', 'str'],
      ['answer', 'output', 'str'],
    ]),
    demos: [],
    inputs: { question: 'What is the capital of France?' },
  },
  'test_chat_adapter::test_chat_adapter_format_exact_messages_with_demo_and_typed_outputs': {
    adapter: 'chat',
    signature: sig('Answer the question with multiple answers and scores', [
      ['question', 'input', 'str'],
      ['answers', 'output', 'list[str]'],
      ['scores', 'output', 'list[float]'],
    ]),
    demos: [{ question: 'Q1', answers: ['A1', 'A2'], scores: [0.1, 0.9] }],
    inputs: { question: 'Q2' },
  },
  'test_chat_adapter::test_chat_adapter_format_exact_messages_with_incomplete_demo': {
    adapter: 'chat',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['context', 'input', 'str'],
      ['answer', 'output', 'str'],
      ['confidence', 'output', 'float'],
    ]),
    demos: [{ question: 'Q1', answer: 'A1' }],
    inputs: { question: 'Q2', context: 'C2' },
  },
  'test_chat_adapter::test_chat_adapter_format_exact_messages_with_list_value_for_string_input': {
    adapter: 'chat',
    signature: sig(undefined, [
      ['context', 'input', 'str'],
      ['answer', 'output', 'str'],
    ]),
    demos: [],
    inputs: { context: ['alpha', 'beta'] },
  },
  'test_chat_adapter::test_chat_adapter_format_exact_messages_with_literal_output': {
    adapter: 'chat',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['verdict', 'output', "Literal['yes', 'no']"],
    ]),
    demos: [],
    inputs: { question: 'Is the sky blue?' },
  },
  'test_chat_adapter::test_format_system_message': {
    adapter: 'chat',
    signature: sig('Answer the question with multiple answers and scores', [
      ['question', 'input', 'str'],
      ['answers', 'output', 'list[str]'],
      ['scores', 'output', 'list[float]'],
    ]),
    demos: [],
    inputs: {},
    systemOnly: true,
  },
  'test_json_adapter::test_format_system_message': {
    adapter: 'json',
    signature: sig('Answer the question with multiple answers and scores', [
      ['question', 'input', 'str'],
      ['answers', 'output', 'list[str]'],
      ['scores', 'output', 'list[float]'],
    ]),
    demos: [],
    inputs: {},
    systemOnly: true,
  },
  'test_json_adapter::test_json_adapter_format_exact_messages_for_simple_signature': {
    adapter: 'json',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['answer', 'output', 'str'],
    ]),
    demos: [],
    inputs: { question: 'What is the capital of France?' },
  },
  'test_json_adapter::test_json_adapter_format_exact_messages_with_demo_and_typed_output': {
    adapter: 'json',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['answer', 'output', 'str'],
      ['confidence', 'output', 'float'],
    ]),
    demos: [{ question: 'Q1', answer: 'A1', confidence: 0.9 }],
    inputs: { question: 'Q2' },
  },
  'test_json_adapter::test_json_adapter_format_exact_messages_with_described_and_bool_outputs': {
    adapter: 'json',
    signature: sig(undefined, [
      ['input1', 'input', 'str'],
      ['output1', 'output', 'str', 'String output field'],
      ['output2', 'output', 'bool'],
    ]),
    demos: [],
    inputs: { input1: 'Test input' },
  },
  'test_json_adapter::test_json_adapter_format_exact_messages_with_incomplete_demo': {
    adapter: 'json',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['context', 'input', 'str'],
      ['answer', 'output', 'str'],
      ['score', 'output', 'float'],
    ]),
    demos: [{ question: 'Q1', answer: 'A1' }],
    inputs: { question: 'Q2', context: 'C2' },
  },
  'test_json_adapter::test_json_adapter_format_exact_messages_with_int_and_mapping_outputs': {
    adapter: 'json',
    signature: sig(undefined, [
      ['question', 'input', 'str'],
      ['count', 'output', 'int'],
      ['metadata', 'output', 'dict[str, int]'],
    ]),
    demos: [],
    inputs: { question: 'Count things' },
  },
};

const plain = (messages: PromptMessage[]) => messages.map((m) => ({ role: m.role, content: m.content }));
const demosOf = (rows: Record<string, unknown>[]): PromptDemo[] => rows.map((values, index) => ({ index, values }));

describe("DSPy 3.3.1's own adapter test expectations", () => {
  const cases = expectations.cases as Record<string, unknown>;
  it('ports every case the extraction kept', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(cases).sort());
    expect(expectations.dspy).toBe('3.3.1');
  });
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const options: RenderOptions = { adapter: c.adapter, inputs: c.inputs };
      if (c.systemOnly) expect(systemMessage(c.signature, options)).toBe(cases[name]);
      else expect(plain(renderMessages(c.signature, demosOf(c.demos), options))).toEqual(cases[name]);
    });
  }
});

describe('rendering details DSPy defines', () => {
  const qa = sig('Answer.', [
    ['question', 'input', 'str'],
    ['answer', 'output', 'str'],
  ]);

  it('the last user message holds {name} placeholders when no input is given', () => {
    const messages = renderMessages(qa, [], { adapter: 'chat' });
    expect(messages.at(-1)?.content).toBe(
      '[[ ## question ## ]]\n{question}\n\nRespond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.',
    );
  });

  it('indents every instruction line by 8 spaces after dedenting, as format_task_description does', () => {
    const s = sig('    First line.\n      Second, indented.\n\n    Third.', [
      ['q', 'input', 'str'],
      ['a', 'output', 'str'],
    ]);
    const system = systemMessage(s, { adapter: 'chat' });
    expect(system.endsWith('your objective is: \n        First line.\n          Second, indented.\n        \n        Third.')).toBe(true);
  });

  it('numbers a list for a str field (with «««…»»» around multi-line items), one item alone, N/A when empty', () => {
    const ctx = sig(undefined, [
      ['context', 'input', 'str'],
      ['answer', 'output', 'str'],
    ]);
    const user = (value: unknown) => renderMessages(ctx, [], { adapter: 'chat', inputs: { context: value } }).at(-1)?.content as string;
    expect(user(['one', 'two\nlines', 'has «x»'])).toContain('[[ ## context ## ]]\n[1] «one»\n[2] «««\n    two\n    lines\n»»»\n[3] «««\n    has «x»\n»»»\n\n');
    expect(user(['only'])).toContain('[[ ## context ## ]]\n«only»\n\n');
    expect(user([])).toContain('[[ ## context ## ]]\nN/A\n\n');
  });

  it('writes dicts and typed lists as json.dumps, numbers and booleans as Python does', () => {
    const s = sig(undefined, [
      ['data', 'input', 'dict'],
      ['items', 'input', 'list[int]'],
      ['flag', 'input', 'bool'],
      ['x', 'input', 'float'],
      ['answer', 'output', 'str'],
    ]);
    const content = renderMessages(s, [], {
      adapter: 'chat',
      inputs: { data: { a: 1, b: [true, null, 'é'], c: 0.5 }, items: [1, 2], flag: false, x: 1e-7 },
    }).at(-1)?.content as string;
    expect(content).toContain('[[ ## data ## ]]\n{"a": 1, "b": [true, null, "é"], "c": 0.5}\n\n');
    expect(content).toContain('[[ ## items ## ]]\n[1, 2]\n\n');
    expect(content).toContain('[[ ## flag ## ]]\nFalse\n\n');
    expect(content).toContain('[[ ## x ## ]]\n1e-07\n\n');
    expect(content).toContain('`[[ ## answer ## ]]`, and then');
  });

  it('keeps a float written 1.0 in the file a float when its spelling is known', () => {
    const s = sig(undefined, [
      ['q', 'input', 'str'],
      ['score', 'output', 'float'],
    ]);
    const messages = renderMessages(s, demosOf([{ q: 'x', score: 1 }]), { adapter: 'chat', spelling: () => '1.0' });
    expect(messages[2]?.content).toBe('[[ ## score ## ]]\n1.0\n\n[[ ## completed ## ]]\n');
  });

  it('puts incomplete demos first with their prefix sentence, and drops demos without an input or an output', () => {
    const s = sig(undefined, [
      ['question', 'input', 'str'],
      ['answer', 'output', 'str'],
    ]);
    const messages = renderMessages(s, demosOf([{ question: 'full', answer: 'yes' }, { question: 'half', answer: null }, { question: 'no output' }]), {
      adapter: 'chat',
    });
    expect(messages.map((m) => [m.role, m.source.kind === 'demo' ? m.source.demoIndex : m.source.kind])).toEqual([
      ['system', 'system'],
      ['user', 1],
      ['assistant', 1],
      ['user', 0],
      ['assistant', 0],
      ['user', 'request'],
    ]);
    expect(messages[1]?.content).toBe('This is an example of the task, though some input or output fields are not supplied.\n\n[[ ## question ## ]]\nhalf');
    // A field present but None is written as Python's None, not as "not supplied".
    expect(messages[2]?.content).toBe('[[ ## answer ## ]]\nNone\n\n[[ ## completed ## ]]\n');
  });

  it('renders an image field as DSPy does: the user message becomes text, image_url and text parts', () => {
    const s = sig(undefined, [
      ['image', 'input', 'dspy.Image'],
      ['text', 'output', 'str'],
    ]);
    const saved =
      '<<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "image_url", "image_url": {"url": "https://example.com/image1.jpg"}}]<<CUSTOM-TYPE-END-IDENTIFIER>>';
    const messages = renderMessages(s, demosOf([{ image: saved, text: 'This is a test image' }]), {
      adapter: 'chat',
      inputs: { image: 'https://example.com/image3.jpg' },
    });
    expect(messages).toHaveLength(4);
    expect(systemMessage(s, { adapter: 'chat' })).toContain('1. `image` (Image):');
    expect(messages[1]?.content).toEqual([
      { type: 'text', text: '[[ ## image ## ]]\n' },
      { type: 'image_url', image_url: { url: 'https://example.com/image1.jpg' } },
    ]);
    expect(messages[2]?.content).toContain('[[ ## completed ## ]]\n');
    const last = messages[3]?.content;
    expect(Array.isArray(last) && last.length).toBe(3);
    expect(last).toContainEqual({ type: 'image_url', image_url: { url: 'https://example.com/image3.jpg' } });
  });

  it('prints annotations as get_annotation_name does, with the Literal quoting of DSPy test_chat_adapter_quotes_literals_as_expected', () => {
    const rows: Array<[string, string]> = [
      [`Literal["one", "two", 'three"']`, `Literal['one', 'two', 'three"']`],
      [`Literal["she's here", "okay", "test"]`, `Literal["she's here", 'okay', 'test']`],
      [`Literal["both\\"and'", "another"]`, `Literal['both"and\\'', 'another']`],
      [`Literal[1, "bar"]`, `Literal[1, 'bar']`],
      [`Literal[True, 3, "foo"]`, `Literal[True, 3, 'foo']`],
      ['List[str]', 'list[str]'],
      ['Optional[int]', 'Union[int, NoneType]'],
      ['dict[str, Any]', 'dict[str, Any]'],
    ];
    for (const [text, name] of rows) expect(annotationName(parseType(text))).toBe(name);
  });

  it('notes output types: a single int value, the JSON schema of a dict, and a stand-in for a class it cannot see', () => {
    const s = sig(undefined, [
      ['q', 'input', 'str'],
      ['n', 'output', 'int'],
      ['meta', 'output', 'dict[str, Any]'],
      ['person', 'output', 'Person'],
    ]);
    const unknown: string[] = [];
    const system = systemMessage(s, { adapter: 'chat', onUnknownSchema: (f) => unknown.push(f.name) });
    expect(system).toContain('{n}        # note: the value you produce must be a single int value');
    expect(system).toContain('{meta}        # note: the value you produce must adhere to the JSON schema: {"type": "object", "additionalProperties": true}');
    expect(system).toContain('{person}        # note: the value you produce must adhere to the JSON schema: <JSON schema of Person>');
    expect(unknown).toEqual(['person']);
  });
});
