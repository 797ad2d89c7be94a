/**
 * The one way the app asks about secrets before bytes leave it (export, share link, history file):
 * what was flagged, by key name, and "Replace secrets with [REDACTED]", on unless unticked. The
 * detection is core/model/secrets; this only shows its findings and the choice.
 */
import type { SecretFinding } from '../../core/program/model/program';
import './export.css';

export function SecretsChoice({
  secrets,
  subject,
  target,
  redact,
  onChange,
}: {
  secrets: readonly SecretFinding[];
  subject: string;
  target: string;
  redact: boolean;
  onChange(redact: boolean): void;
}) {
  if (secrets.length === 0) return null;
  const keys = [...new Set(secrets.map((s) => s.key))].join(', ');
  return (
    <div className="export-secrets" role="note">
      <p>
        {subject} holds {secrets.length} value{secrets.length > 1 ? 's' : ''} that look{secrets.length > 1 ? '' : 's'} like a secret ({keys}).
      </p>
      <label className="export-check">
        <input type="checkbox" checked={redact} onChange={(e) => onChange(e.currentTarget.checked)} />
        Replace secrets with "[REDACTED]" in {target}
      </label>
    </div>
  );
}
