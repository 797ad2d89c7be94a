import { describe, expect, it } from 'vitest';
import { countTokens, loadTokenizer } from './token-count';
import { renderMessages } from './render';
import { parseType } from './type-expr';
import type { PromptSignature } from './prompt-types';

const sig: PromptSignature = {
  instructions: 'Answer.',
  fields: [
    { name: 'question', role: 'input', type: parseType('str'), description: '${question}', nameInferred: false, roleInferred: false, typeSource: 'default' },
    { name: 'answer', role: 'output', type: parseType('str'), description: '${answer}', nameInferred: false, roleInferred: false, typeSource: 'default' },
  ],
};

describe('token counts', () => {
  it("match tiktoken's encodings on known text", async () => {
    expect((await loadTokenizer('cl100k_base')).encode('tiktoken is great!')).toEqual([83, 1609, 5963, 374, 2294, 0]);
    expect((await loadTokenizer('o200k_base')).encode('hello world').length).toBe(2);
  });

  it('per message, in total, and per demo (its user and assistant turns), special-token text counted as text', async () => {
    const demos = [
      { index: 0, values: { question: 'short', answer: 'yes' } },
      { index: 1, values: { question: 'a much longer question that costs many more tokens than the first one does <|endoftext|>', answer: 'no' } },
    ];
    const messages = renderMessages(sig, demos, { adapter: 'chat' });
    const counts = await countTokens('o200k_base', messages);
    expect(counts.perMessage).toHaveLength(messages.length);
    expect(counts.total).toBe(counts.perMessage.reduce((a, b) => a + b, 0));
    expect(counts.demos.map((d) => d.demoIndex)).toEqual([0, 1]);
    expect(counts.demos[0]?.tokens).toBe((counts.perMessage[1] ?? 0) + (counts.perMessage[2] ?? 0));
    expect(counts.demos[1]?.tokens).toBeGreaterThan(counts.demos[0]?.tokens ?? 0);
    const cl = await countTokens('cl100k_base', messages);
    expect(cl.tokenizer).toBe('cl100k_base');
    expect(cl.total).toBeGreaterThan(0);
  });
});
