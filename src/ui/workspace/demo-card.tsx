/**
 * One demo: its fields in saved order, each editable inline. Strings edit as text; other values
 * (lists, objects, numbers) edit as JSON, which the worker parses; a refusal is shown in place.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Demo } from '../../core/program/model/program';
import { displayJson } from '../../core/engine/json-text/display-json';
import { Icon } from '../icon';
import type { TypedValue } from '../../core/program/model/typed-value';
import { TypedValueView } from './typed-value-view';

const FOLD_AT = 600;

export interface DemoActions {
  /** Resolves to the reason when the edit was refused (e.g. text that is not JSON). */
  editField(demoIndex: number, field: string, change: { text: string } | { json: string }): Promise<string | undefined>;
  duplicate(demoIndex: number): void;
  remove(demoIndex: number): void;
  move(from: number, to: number): void;
  toggle(demoIndex: number, on?: boolean): void;
}

function asText(value: unknown): { text: string; json: boolean } {
  if (typeof value === 'string') return { text: value, json: false };
  return { text: displayJson(value), json: true };
}

function FieldValue({
  name,
  value,
  onCommit,
  editable,
  startEditing,
  onClose,
}: {
  name: string;
  value: unknown;
  onCommit(change: { text: string } | { json: string }): Promise<string | undefined>;
  editable: boolean;
  startEditing?: boolean;
  onClose?(): void;
}) {
  const { text, json } = asText(value);
  const [editing, setEditingState] = useState(startEditing === true);
  const setEditing = (on: boolean) => {
    setEditingState(on);
    if (!on) onClose?.();
  };
  const [draft, setDraft] = useState(text);
  const [problem, setProblem] = useState<string>();
  const [unfolded, setUnfolded] = useState(false);

  if (editing) {
    const commit = () => {
      if (draft === text) {
        setEditing(false);
        return;
      }
      void onCommit(json ? { json: draft } : { text: draft }).then((refused) => {
        setProblem(refused);
        if (!refused) setEditing(false);
      });
    };
    const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
      e.stopPropagation(); // card shortcuts must not fire while typing
      if (e.key === 'Escape') {
        setDraft(text);
        setProblem(undefined);
        setEditing(false);
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        commit();
      }
    };
    return (
      <div className="demo-value editing">
        <textarea
          aria-label={`Edit ${name}`}
          className={json ? 'text-input mono' : 'text-input'}
          autoFocus
          rows={Math.min(16, Math.max(2, draft.split('\n').length, Math.ceil(draft.length / 80)))}
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        {problem && (
          <div className="inline-error" role="alert">
            {problem}
          </div>
        )}
      </div>
    );
  }

  const long = text.length > FOLD_AT;
  const shown = long && !unfolded ? text.slice(0, FOLD_AT) + '…' : text;
  return (
    <div className="demo-value">
      <button
        type="button"
        className={json ? 'value-text mono' : 'value-text'}
        aria-label={editable ? `${name}: ${text.slice(0, 80)}. Click to edit` : `${name}: ${text.slice(0, 80)}`}
        title={editable ? 'Click to edit' : undefined}
        disabled={!editable}
        onClick={() => {
          setDraft(text);
          setEditing(true);
        }}
      >
        {shown === '' ? <span className="muted">(empty)</span> : shown}
      </button>
      {long && (
        <button type="button" className="link" onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? 'Show less' : `Show all (${text.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
    </div>
  );
}

/** A typed value shows as what it is until the user asks to edit its JSON (or text). */
function DemoFieldValue({
  name,
  value,
  typed,
  editable,
  onCommit,
}: {
  name: string;
  value: unknown;
  typed: TypedValue | undefined;
  editable: boolean;
  onCommit(change: { text: string } | { json: string }): Promise<string | undefined>;
}) {
  const [raw, setRaw] = useState(false);
  if (!typed || (raw && typed.kind !== 'image')) {
    return <FieldValue name={name} value={value} editable={editable} onCommit={onCommit} startEditing={raw} onClose={() => setRaw(false)} />;
  }
  return <TypedValueView name={name} typed={typed} value={value} editable={editable} onCommit={onCommit} onEdit={() => setRaw(true)} />;
}

export function DemoCard({
  demo,
  position,
  total,
  checked,
  actions,
  editable,
}: {
  demo: Demo;
  position: number;
  total: number;
  checked: boolean;
  actions: DemoActions;
  editable: boolean;
}) {
  const [dropTarget, setDropTarget] = useState(false);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!editable) return;
    // Alt+arrows reorder from the card or any of its controls (the checkbox, a button), but not while
    // the user types in a field; Delete and Space act only on the card itself.
    const fromControl = e.target instanceof HTMLElement && e.target.closest('.demo-head') !== null && !(e.target instanceof HTMLTextAreaElement);
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && (e.target === e.currentTarget || fromControl)) {
      const to = demo.index + (e.key === 'ArrowUp' ? -1 : 1);
      if (to < 0 || to >= total) return;
      e.preventDefault();
      actions.move(demo.index, to);
      return;
    }
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Delete') {
      e.preventDefault();
      actions.remove(demo.index);
    } else if (e.key === ' ') {
      e.preventDefault();
      actions.toggle(demo.index);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropTarget(false);
    const from = Number(e.dataTransfer.getData('application/x-demo-index'));
    if (Number.isInteger(from) && from !== demo.index) actions.move(from, demo.index);
  };
  const flags = Object.entries(demo.flags).filter(([k]) => k !== 'augmented');
  return (
    <article
      className={`demo-card ${demo.augmented ? 'augmented' : 'labeled'}${checked ? ' checked' : ''}${dropTarget ? ' drop-target' : ''}`}
      aria-label={`Demo ${demo.index + 1}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('application/x-demo-index')) return;
        e.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={onDrop}
    >
      <header className="demo-head">
        <span
          className="drag-handle"
          draggable={editable}
          title="Drag to reorder (or Alt+↑/↓)"
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData('application/x-demo-index', String(demo.index));
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          ⋮⋮
        </span>
        {editable && (
          <input
            type="checkbox"
            aria-label={`Select demo ${demo.index + 1}`}
            checked={checked}
            onChange={(e) => actions.toggle(demo.index, e.currentTarget.checked)}
          />
        )}
        <span className="demo-number">#{demo.index + 1}</span>
        {position !== demo.index && <span className="muted">({position + 1} shown)</span>}
        {demo.augmented ? (
          <span className="badge accent" title="Bootstrapped by the optimizer: a trace of the program's own run">
            augmented
          </span>
        ) : (
          <span className="badge subtle" title="Taken from the training set as it was">
            labeled
          </span>
        )}
        {flags.map(([k, v]) => (
          <span key={k} className="badge subtle mono demo-meta" title={`${k}: ${String(v)} (metadata DSPy's loaders add; not a field of the signature)`}>
            {k === 'dspy_split' ? `split: ${String(v)}` : k === 'dspy_uuid' ? `uuid ${String(v).slice(0, 8)}` : k}
          </span>
        ))}
        {editable && (
          <span className="demo-actions">
            <button
              type="button"
              className="icon-button"
              aria-label={`Move demo ${demo.index + 1} up`}
              disabled={demo.index === 0}
              onClick={() => actions.move(demo.index, demo.index - 1)}
            >
              <Icon name="up" />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move demo ${demo.index + 1} down`}
              disabled={demo.index >= total - 1}
              onClick={() => actions.move(demo.index, demo.index + 1)}
            >
              <Icon name="down" />
            </button>
            <button type="button" className="icon-button" aria-label={`Duplicate demo ${demo.index + 1}`} onClick={() => actions.duplicate(demo.index)}>
              <Icon name="copy" />
            </button>
            <button type="button" className="icon-button danger" aria-label={`Delete demo ${demo.index + 1}`} onClick={() => actions.remove(demo.index)}>
              <Icon name="delete" />
            </button>
          </span>
        )}
      </header>
      <dl className="demo-fields">
        {demo.fields.map(([name, value]) => (
          <div key={name} className="demo-field">
            <dt className="mono">{name}</dt>
            <dd>
              <DemoFieldValue
                name={name}
                value={value}
                typed={demo.typed?.[name]}
                editable={editable}
                onCommit={(v) => actions.editField(demo.index, name, v)}
              />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
