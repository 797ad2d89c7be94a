/**
 * A text box that edits a saved value: it commits once, on blur or Ctrl/Cmd+Enter, and only when the
 * text changed; Escape puts the saved value back. One commit is one undoable edit.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  onCommit(text: string): void;
  label: string;
  multiline?: boolean;
  rows?: number;
  className?: string;
  placeholder?: string;
  autoFocus?: boolean;
  onDone?(): void;
  /** Shown but not editable (a read-only document). */
  disabled?: boolean;
}

export function CommitText({ value, onCommit, label, multiline, rows = 3, className, placeholder, autoFocus, onDone, disabled }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  const commit = () => {
    if (draft !== value) onCommit(draft);
    onDone?.();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement | HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setDraft(value);
      onDone?.();
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !multiline)) {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };
  const common = {
    'aria-label': label,
    className: className ?? 'text-input',
    value: draft,
    placeholder,
    autoFocus,
    onChange: (e: { currentTarget: { value: string } }) => setDraft(e.currentTarget.value),
    onBlur: commit,
    onKeyDown,
    spellCheck: false,
    readOnly: disabled,
  };
  return multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />;
}
