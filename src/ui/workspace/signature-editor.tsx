import type { ModuleInfo } from '../../core/program/model/program';
import { useEditable } from '../../state/editable';
import { perform } from '../../state/session/commit';
import { CommitText } from './commit-text';

export function SignatureEditor({ module }: { module: ModuleInfo }) {
  const editable = useEditable();
  const signature = module.signature;
  if (!signature) return <p className="muted section-empty">This module has no signature in the file.</p>;
  return (
    <div className="signature">
      <label className="field-label" htmlFor="instructions">
        Instructions
      </label>
      <CommitText
        multiline
        rows={Math.min(12, Math.max(3, Math.ceil((signature.instructions?.length ?? 0) / 90)))}
        label="Instructions"
        disabled={!editable}
        className="text-input instructions"
        value={signature.instructions ?? ''}
        placeholder="No instructions saved"
        onCommit={(text) => void perform({ kind: 'instructions', moduleId: module.id, text })}
      />
      {signature.raw !== undefined && (
        <div className="raw-signature">
          <span className="muted">Signature</span> <code>{signature.raw}</code>
        </div>
      )}
      {signature.fields.length > 0 && (
        <table className="fields" aria-label="Fields">
          <colgroup>
            <col className="c-field" />
            <col className="c-role" />
            <col className="c-prefix" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>Field</th>
              <th>Role</th>
              <th>Prefix</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {signature.fields.map((field, i) => (
              <tr key={i}>
                <td className="mono">
                  <span
                    className={field.nameInferred ? 'field-name inferred' : 'field-name'}
                    title={
                      field.nameInferred
                        ? `${field.name}: inferred (the file does not store field names; this one comes from its prefix, description or the demos)`
                        : field.name
                    }
                  >
                    {field.name}
                  </span>
                  {field.type && <span className="muted"> : {field.type}</span>}
                </td>
                <td>
                  <span className={`role role-${field.role}`}>{field.role}</span>
                </td>
                <td>
                  {field.prefix !== undefined ? (
                    <CommitText
                      label={`Prefix of ${field.name}`}
                      disabled={!editable}
                      value={field.prefix}
                      onCommit={(text) => void perform({ kind: 'field', moduleId: module.id, fieldIndex: i, prop: 'prefix', text })}
                    />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <CommitText
                    label={`Description of ${field.name}`}
                    disabled={!editable}
                    value={field.description ?? ''}
                    onCommit={(text) => void perform({ kind: 'field', moduleId: module.id, fieldIndex: i, prop: 'description', text })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
