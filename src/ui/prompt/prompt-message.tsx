/** One chat message as the LM receives it: role, where it comes from (a demo links to its card), text with the `[[ ## field ## ]]` markers marked. */
import { memo } from 'react';
import type { PromptMessage } from '../../core/program/prompt/prompt-types';

const MARKER = /(\[\[ ## \w+ ## \]\])/;

function Text({ text }: { text: string }) {
  const pieces = text.split(MARKER);
  return (
    <>
      {pieces.map((p, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="field-marker">
            {p}
          </mark>
        ) : (
          p
        ),
      )}
    </>
  );
}

function Content({ message }: { message: PromptMessage }) {
  if (typeof message.content === 'string') return <Text text={message.content} />;
  return (
    <>
      {message.content.map((part, i) =>
        part.type === 'text' ? (
          <Text key={i} text={part.text} />
        ) : (
          // Remote images are never fetched (nothing leaves the page); an inline data: image is shown.
          <span key={i} className="image-part">
            {part.image_url.url.startsWith('data:image/') ? <img src={part.image_url.url} alt="Image sent with this message" /> : null}
            <span className="mono">[image {part.image_url.url.startsWith('data:') ? `${part.image_url.url.slice(0, 30)}…` : part.image_url.url}]</span>
          </span>
        ),
      )}
    </>
  );
}

export interface MessageLinks {
  /** Shows the demo's card in the demo list. */
  showCard(demoIndex: number): void;
}

export const PromptMessageView = memo(function PromptMessageView({
  message,
  position,
  tokens,
  links,
  highlighted,
}: {
  message: PromptMessage;
  position: number;
  tokens?: number;
  links: MessageLinks;
  highlighted: boolean;
}) {
  const source = message.source;
  const demo = source.kind === 'demo' ? source : undefined;
  return (
    <li
      className={`prompt-message role-${message.role}${highlighted ? ' highlighted' : ''}`}
      aria-label={`Message ${position + 1}: ${message.role}${demo ? ` of demo ${demo.demoIndex + 1}` : ''}`}
      data-demo={demo?.demoIndex}
      tabIndex={-1}
    >
      <div className="prompt-message-head">
        <span className={`role-label role-${message.role}`}>{message.role}</span>
        {demo && (
          <button type="button" className="link-button" onClick={() => links.showCard(demo.demoIndex)} title="Show this demo's card in the demo list">
            Demo {demo.demoIndex + 1}
            {demo.incomplete ? ' (incomplete)' : ''} ↗
          </button>
        )}
        {source.kind === 'request' && <span className="muted">the request</span>}
        {tokens !== undefined && <span className="muted tokens">{tokens.toLocaleString('en-US')} tokens</span>}
      </div>
      <pre className="prompt-text">
        <Content message={message} />
      </pre>
    </li>
  );
});
