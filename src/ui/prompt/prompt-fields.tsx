/** The fields as the prompt names them: role, whether the name was inferred, and a type picker (a view setting). */
import { useState } from 'react';
import type { PromptFieldView } from '../../core/program/prompt/render-module';

const PRESETS = ['str', 'int', 'float', 'bool', 'list[str]', 'dict'];

function TypePicker({ field, index, onType }: { field: PromptFieldView; index: number; onType(index: number, type: string | undefined): void }) {
  // While the user types a custom annotation the picker keeps their text (a half-typed one may not parse yet).
  const [typing, setTyping] = useState<string>();
  const mode = typing !== undefined ? 'custom' : PRESETS.includes(field.type) ? field.type : 'custom';
  const choose = (value: string) => {
    if (value === 'custom') {
      setTyping(field.type);
      return;
    }
    if (value === 'literal') {
      const text = field.type.startsWith('Literal[') ? field.type : "Literal['yes', 'no']";
      setTyping(text);
      onType(index, text);
      return;
    }
    setTyping(undefined);
    onType(index, value);
  };
  return (
    <span className="type-picker">
      <select aria-label={`Type of ${field.name}`} value={mode} onChange={(e) => choose(e.currentTarget.value)}>
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
        <option value="literal">Literal[…]</option>
        <option value="custom">custom…</option>
      </select>
      {mode === 'custom' && (
        <input
          className="text-input mono"
          aria-label={`Custom type of ${field.name}`}
          placeholder="e.g. list[dict[str, int]]"
          value={typing ?? field.type}
          spellCheck={false}
          onChange={(e) => {
            setTyping(e.currentTarget.value);
            onType(index, e.currentTarget.value);
          }}
        />
      )}
    </span>
  );
}

export function PromptFields({ fields, onType }: { fields: PromptFieldView[]; onType(index: number, type: string | undefined): void }) {
  return (
    <table className="prompt-fields">
      <thead>
        <tr>
          <th>Field</th>
          <th>Role</th>
          <th>Type</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f, i) => (
          <tr key={`${i}-${f.name}`}>
            <td className="mono">
              {f.name}
              {f.inferred && (
                <span className="badge subtle" title="DSPy does not save field names; this one was inferred from the file">
                  inferred
                </span>
              )}
            </td>
            <td>{f.role}</td>
            <td>
              <TypePicker key={`${i}-${f.name}`} field={f} index={i} onType={onType} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
