/**
 * DSPy typed values in a demo card: an image as a thumbnail with its type and size (replaced by
 * dropping or picking an image, written back in the form it was saved in), History, ToolCalls and
 * ReAct steps as structured lists. Editing the structure is done as JSON, in the field's editor.
 */
import { useState, type DragEvent } from 'react';
import type { ImageValue, TrajectoryStep, TypedValue } from '../../core/program/model/typed-value';
import { replaceImage } from '../../core/program/model/typed-value';
import { displayJson } from '../../core/engine/json-text/display-json';
import { formatBytes } from '../format-bytes';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

type Commit = (change: { text: string } | { json: string }) => Promise<string | undefined>;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(file);
  });
}

function ImageView({ name, image, value, editable, onCommit }: { name: string; image: ImageValue; value: unknown; editable: boolean; onCommit: Commit }) {
  const [over, setOver] = useState(false);
  const [size, setSize] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const replace = async (file: File | undefined) => {
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      setProblem(`${file.name} is not an image.`);
      return;
    }
    const next = replaceImage(value, await readAsDataUrl(file));
    const refused = await onCommit(typeof next === 'string' ? { text: next } : { json: JSON.stringify(next) });
    setProblem(refused);
  };
  const onDrop = (e: DragEvent) => {
    // The page opens dropped files: an image dropped here replaces this one instead.
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    if (editable) void replace(e.dataTransfer.files[0]);
  };
  const shown = image.url.startsWith('data:image/');
  const facts = [
    image.mediaType,
    image.bytes !== undefined ? formatBytes(image.bytes) : undefined,
    size,
    image.form === 'custom-type' ? 'dspy.Image (custom type)' : 'dspy.Image {url}',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <figure
      className={`typed-image${over ? ' drop-target' : ''}`}
      onDragOver={(e) => {
        if (!editable || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {shown ? (
        <img
          src={image.url}
          alt={`${name}: ${image.mediaType ?? 'image'}`}
          onLoad={(e) => setSize(`${e.currentTarget.naturalWidth}×${e.currentTarget.naturalHeight}`)}
        />
      ) : (
        <span className="mono muted" title="Remote images are not fetched: nothing leaves the page">
          {image.url}
        </span>
      )}
      <figcaption>
        <span className="muted">{facts}</span>
        {editable && (
          <label className="link">
            Replace image…
            <input type="file" accept="image/*" aria-label={`Replace ${name} image`} hidden onChange={(e) => void replace(e.currentTarget.files?.[0])} />
          </label>
        )}
        {problem && (
          <span className="inline-error" role="alert">
            {problem}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

function Steps({ steps }: { steps: TrajectoryStep[] }) {
  return (
    <ol className="typed-list">
      {steps.map((s) => (
        <li key={s.index}>
          {s.thought !== undefined && (
            <div>
              <span className="badge subtle">thought</span> {s.thought}
            </div>
          )}
          {s.toolName !== undefined && (
            <div className="mono">
              <span className="badge subtle">tool</span> {s.toolName}({s.toolArgs !== undefined ? displayJson(s.toolArgs) : ''})
            </div>
          )}
          {s.observation !== undefined && (
            <div>
              <span className="badge subtle">observation</span> {typeof s.observation === 'string' ? s.observation : displayJson(s.observation)}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The structured view of a typed value; `onEdit` opens the field's JSON (or text) editor. */
export function TypedValueView({
  name,
  typed,
  value,
  editable,
  onCommit,
  onEdit,
}: {
  name: string;
  typed: TypedValue;
  value: unknown;
  editable: boolean;
  onCommit: Commit;
  onEdit(): void;
}) {
  if (typed.kind === 'image') return <ImageView name={name} image={typed} value={value} editable={editable} onCommit={onCommit} />;
  let body;
  let label: string;
  if (typed.kind === 'history') {
    label = `dspy.History · ${plural(typed.messages.length, 'message')}`;
    body = (
      <ol className="typed-list">
        {typed.messages.map((m, i) => (
          <li key={i}>
            {Object.entries(m).map(([k, v]) => (
              <div key={k}>
                <span className="badge subtle mono">{k}</span> {typeof v === 'string' ? v : displayJson(v)}
              </div>
            ))}
          </li>
        ))}
      </ol>
    );
  } else if (typed.kind === 'tool-calls') {
    label = `dspy.ToolCalls · ${plural(typed.calls.length, 'call')}`;
    body = (
      <ol className="typed-list mono">
        {typed.calls.map((c, i) => (
          <li key={i}>
            {c.name}({displayJson(c.args)})
          </li>
        ))}
      </ol>
    );
  } else if (typed.kind === 'trajectory') {
    label = `ReAct trajectory · ${plural(typed.steps.length, 'step')}`;
    body = <Steps steps={typed.steps} />;
  } else {
    label = 'tool arguments';
    body = <pre className="mono typed-args">{displayJson(typed.args)}</pre>;
  }
  return (
    <div className={`typed-value typed-${typed.kind}`}>
      <div className="typed-head">
        <span className="badge subtle">{label}</span>
        {editable && (
          <button type="button" className="link" aria-label={`Edit ${name} as ${typeof value === 'string' ? 'text' : 'JSON'}`} onClick={onEdit}>
            Edit as {typeof value === 'string' ? 'text' : 'JSON'}
          </button>
        )}
      </div>
      {body}
    </div>
  );
}
