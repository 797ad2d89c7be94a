/**
 * The Prompt tab: what the LM sees for the selected predictor, as DSPy's adapter builds it from the
 * file, live as demos and instructions are edited. Settings here (adapter, types, the tried input,
 * a pasted signature) are view settings and never reach the exported file.
 */
import { useEffect, useRef, useState } from 'react';
import type { ModuleInfo } from '../../core/program/model/program';
import { TOKENIZERS, TOKENIZER_LABELS, type TokenizerId } from '../../core/program/prompt/token-count';
import type { PromptTextFormat } from '../../core/program/prompt/prompt-export';
import { useDemoLinkStore } from '../../state/demo-link-store';
import { modulePromptSettings, usePromptViewStore } from '../../state/prompt-view-store';
import { useSession } from '../../state/session/session-store';
import { download } from '../export/save-file';
import { LoadCheckView } from './load-check-view';
import { PromptFields } from './prompt-fields';
import { PromptMessageView, type MessageLinks } from './prompt-message';
import { TokenBar } from './token-bar';
import { useTokenCounts } from '../../state/token-counts';
import { promptText, usePromptReport, usePromptView } from './use-prompt';
import './prompt.css';

/** Messages drawn at first; a 50,000-demo predictor shows the rest on request. */
const FIRST_MESSAGES = 80;

const FORMAT_LABELS: Record<PromptTextFormat, string> = { json: 'JSON', md: 'Markdown', text: 'text' };

export function PromptPane({ module }: { module: ModuleInfo }) {
  const moduleId = module.id;
  const prompt = usePromptView(moduleId);
  const adapter = usePromptViewStore((s) => s.adapter);
  const tokenizer = usePromptViewStore((s) => s.tokenizer);
  const settings = usePromptViewStore((s) => modulePromptSettings(s, moduleId));
  const { setAdapter, setTokenizer, setType, setInput, setSignature } = usePromptViewStore.getState();
  const tokens = useTokenCounts(prompt, tokenizer);
  const report = usePromptReport();
  const docName = useSession((s) => s.summary?.name ?? 'program');
  const [status, setStatus] = useState('');
  const [showAll, setShowAll] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const toPrompt = useDemoLinkStore((s) => s.toPrompt);
  const [highlight, setHighlight] = useState<number>();
  const view = prompt.view?.moduleId === moduleId ? prompt.view : undefined;

  const links: MessageLinks = { showCard: (demoIndex) => useDemoLinkStore.getState().showCard(demoIndex) };

  // "Back to prompt" from the demo list: show and focus the demo's first message.
  useEffect(() => {
    if (!toPrompt || !view) return;
    const at = view.messages.findIndex((m) => m.source.kind === 'demo' && m.source.demoIndex === toPrompt.demoIndex);
    if (at < 0) return;
    if (at >= FIRST_MESSAGES) setShowAll(true);
    setHighlight(toPrompt.demoIndex);
    requestAnimationFrame(() => {
      const el = listRef.current?.querySelector<HTMLElement>(`[data-demo="${toPrompt.demoIndex}"]`);
      el?.scrollIntoView({ block: 'start' });
      el?.focus();
    });
  }, [toPrompt, view]);

  const copy = async (format: PromptTextFormat) => {
    if (!view) return;
    try {
      await navigator.clipboard.writeText(promptText(view, format));
      setStatus(`Copied the messages as ${FORMAT_LABELS[format]}.`);
    } catch {
      setStatus('The browser refused the clipboard; use the download instead.');
    }
  };
  const exportAll = async (format: 'md' | 'jsonl') => {
    try {
      const { text, count } = await report(format, adapter);
      download(text, `${docName.replace(/\.[^.]+$/, '')}.prompts.${format}`);
      setStatus(`Saved ${count} predictor${count === 1 ? '' : 's'} as ${format === 'md' ? 'a Markdown report' : 'JSONL'}.`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };

  if (prompt.error && !view) return <div className="placeholder muted">{prompt.error.message}</div>;
  if (!view) return <div className="placeholder muted">Rendering the prompt…</div>;
  const inputFields = view.fields.filter((f) => f.role === 'input');
  const shown = showAll ? view.messages : view.messages.slice(0, FIRST_MESSAGES);
  const perMessage = tokens.counts?.perMessage;

  return (
    <div className="prompt-pane" aria-label="Prompt">
      <div className="prompt-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Adapter">
          {(['chat', 'json'] as const).map((a) => (
            <button key={a} type="button" role="radio" aria-checked={adapter === a} className={adapter === a ? 'active' : ''} onClick={() => setAdapter(a)}>
              {a === 'chat' ? 'ChatAdapter' : 'JSONAdapter'}
            </button>
          ))}
        </div>
        <span className="badge accent" title="The DSPy release whose adapter code this rendering follows">
          Follows {view.follows}
        </span>
      </div>
      <div className="prompt-toolbar">
        <span className="muted">Copy</span>
        {(['json', 'md', 'text'] as const).map((f) => (
          <button key={f} type="button" className="button small" onClick={() => void copy(f)}>
            Copy as {FORMAT_LABELS[f]}
          </button>
        ))}
        <span className="muted">All predictors</span>
        <button type="button" className="button small" onClick={() => void exportAll('md')}>
          Markdown report
        </button>
        <button type="button" className="button small" onClick={() => void exportAll('jsonl')}>
          JSONL
        </button>
      </div>
      <p className="prompt-status" role="status">
        {status}
      </p>
      {view.notes.length > 0 && (
        <ul className="prompt-notes" aria-label="About this rendering">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}

      <details className="section" open>
        <summary>Fields</summary>
        <PromptFields fields={view.fields} onType={(i, t) => setType(moduleId, i, t)} />
      </details>

      <details className="section" open>
        <summary>Try an input</summary>
        <div className="try-input">
          {inputFields.map((f) => (
            <label key={f.name}>
              <span className="mono">{f.name}</span>
              <textarea
                className="text-input"
                aria-label={`Input ${f.name}`}
                rows={2}
                placeholder={f.type === 'str' ? `{${f.name}}` : `{${f.name}} as ${f.type} (JSON)`}
                value={settings.inputs[f.name] ?? ''}
                onChange={(e) => setInput(moduleId, f.name, e.currentTarget.value)}
              />
            </label>
          ))}
        </div>
      </details>

      <section className="section prompt-tokens" aria-label="Tokens">
        <div className="prompt-toolbar">
          <label>
            <span className="muted">Tokenizer </span>
            <select aria-label="Tokenizer" value={tokenizer} onChange={(e) => setTokenizer(e.currentTarget.value as TokenizerId)}>
              {TOKENIZERS.map((t) => (
                <option key={t} value={t}>
                  {TOKENIZER_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <output className="token-total" aria-label="Total tokens">
            {tokens.counts ? `${tokens.counts.total.toLocaleString('en-US')} tokens` : tokens.error ? '' : 'counting…'}
          </output>
        </div>
        {tokens.error && <p className="inline-error">{tokens.error}</p>}
        {tokens.counts && <TokenBar counts={tokens.counts} onDemo={links.showCard} />}
      </section>

      <details className="section" open={settings.signature !== ''}>
        <summary>Will it load?</summary>
        <div className="will-it-load">
          <p className="muted">
            Paste the signature from your code: a string such as <code>question, context: list[str] -&gt; answer</code> or a{' '}
            <code>class X(dspy.Signature)</code> block. It is read, never run, and compared with the saved fields the way DSPy loads them: by position.
          </p>
          <textarea
            className="text-input mono"
            aria-label="Signature from your code"
            rows={4}
            spellCheck={false}
            value={settings.signature}
            onChange={(e) => setSignature(moduleId, e.currentTarget.value)}
          />
          <LoadCheckView view={view} />
        </div>
      </details>

      <h3 className="prompt-messages-title">
        Messages <span className="muted">{view.messages.length.toLocaleString('en-US')}</span>
      </h3>
      <ol className="prompt-messages" ref={listRef} aria-label="Prompt messages">
        {shown.map((m, i) => (
          <PromptMessageView
            key={i}
            message={m}
            position={i}
            tokens={perMessage?.[i]}
            links={links}
            highlighted={highlight !== undefined && m.source.kind === 'demo' && m.source.demoIndex === highlight}
          />
        ))}
      </ol>
      {!showAll && view.messages.length > FIRST_MESSAGES && (
        <button type="button" className="button small" onClick={() => setShowAll(true)}>
          Show all {view.messages.length.toLocaleString('en-US')} messages
        </button>
      )}
    </div>
  );
}
