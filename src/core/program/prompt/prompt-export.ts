/** A rendered prompt as text to copy or save: OpenAI-style JSON, Markdown, plain text, a JSONL line per predictor. */
import type { ContentPart, PromptMessage } from './prompt-types';

export type PromptTextFormat = 'json' | 'md' | 'text';

export function openAiMessages(messages: readonly PromptMessage[]): Array<{ role: string; content: string | ContentPart[] }> {
  return messages.map((m) => ({ role: m.role, content: m.content }));
}

/** The text of a message; an image part is written as its URL in angle brackets. */
export function messageText(m: PromptMessage): string {
  if (typeof m.content === 'string') return m.content;
  return m.content.map((p) => (p.type === 'text' ? p.text : `<image ${p.image_url.url}>`)).join('');
}

function fence(text: string): string {
  let ticks = '```';
  while (text.includes(ticks)) ticks += '`';
  return `${ticks}text\n${text}\n${ticks}`;
}

function label(m: PromptMessage): string {
  const demo = m.source.kind === 'demo' ? ` (demo ${m.source.demoIndex + 1}${m.source.incomplete ? ', incomplete' : ''})` : '';
  return `${m.role}${demo}`;
}

export function promptMarkdown(messages: readonly PromptMessage[], title?: string, level = 2): string {
  const h = '#'.repeat(level);
  const parts = title ? [`${'#'.repeat(level - 1)} ${title}`] : [];
  for (const m of messages) parts.push(`${h} ${label(m)}\n\n${fence(messageText(m))}`);
  return parts.join('\n\n') + '\n';
}

export function promptPlainText(messages: readonly PromptMessage[]): string {
  return messages.map((m) => `===== ${label(m)} =====\n${messageText(m)}`).join('\n\n') + '\n';
}

export function formatPrompt(messages: readonly PromptMessage[], format: PromptTextFormat): string {
  if (format === 'json') return JSON.stringify(openAiMessages(messages), null, 2) + '\n';
  if (format === 'md') return promptMarkdown(messages);
  return promptPlainText(messages);
}

/** Every predictor's prompt as one Markdown report. */
export function promptReport(programName: string, prompts: ReadonlyArray<{ moduleId: string; follows: string; messages: readonly PromptMessage[] }>): string {
  const parts = [
    `# Prompts of ${programName}`,
    `${prompts.length} predictor${prompts.length === 1 ? '' : 's'}, rendered as ${prompts[0]?.follows ?? 'DSPy'} builds them.`,
  ];
  for (const p of prompts) parts.push(promptMarkdown(p.messages, `\`${p.moduleId}\``, 3).trimEnd());
  return parts.join('\n\n') + '\n';
}

/** One JSON line per predictor: {"module", "messages"}. */
export function promptJsonl(prompts: ReadonlyArray<{ moduleId: string; messages: readonly PromptMessage[] }>): string {
  return prompts.map((p) => JSON.stringify({ module: p.moduleId, messages: openAiMessages(p.messages) })).join('\n') + '\n';
}
