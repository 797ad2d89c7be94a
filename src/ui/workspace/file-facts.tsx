/**
 * What came with the document: the checksum check of a dropped sidecar, files opened beside it
 * (a whole-program folder's program.pkl, with its safety warnings) and files that were not used.
 */
import { formatBytes } from '../format-bytes';
import { RecipeBadges } from '../document/recipe-badges';
import { useSession } from '../../state/session/session-store';

export function FileFacts() {
  const checksum = useSession((s) => s.checksum);
  const companions = useSession((s) => s.companions);
  const ignored = useSession((s) => s.ignoredFiles);
  if (!checksum && companions.length === 0 && ignored.length === 0) return null;
  return (
    <div className="file-facts">
      {checksum && (
        <div className={checksum.ok ? 'fact ok' : 'fact bad'} role={checksum.ok ? 'status' : 'alert'} aria-label="Checksum">
          <strong>{checksum.ok ? 'Checksum matches' : 'Checksum does not match'}</strong>
          <span className="muted"> ({checksum.sidecarName})</span>
          <div className="mono fact-detail">{checksum.message}</div>
        </div>
      )}
      {companions.map((c) => (
        <div key={c.name} className={c.error ? 'fact bad' : c.warnings.length ? 'fact warn' : 'fact'} aria-label={`Companion file ${c.name}`}>
          <strong className="mono">{c.name}</strong> <span className="muted">{formatBytes(c.size)}</span> {c.recipe && <RecipeBadges recipe={c.recipe} />}
          {c.safety && (
            <span className={c.safety.verdict === 'safe' ? 'badge subtle' : 'badge warn'} data-verdict={c.safety.verdict}>
              {c.safety.verdict === 'dangerous' ? 'would run code on load' : c.safety.verdict === 'unknown' ? 'unknown classes' : 'plain data'}: report above
            </span>
          )}
          {c.error && <div className="fact-detail">{c.error.message}</div>}
          {/* A pickled companion's warnings are its safety report, shown in full above. */}
          {!c.safety &&
            c.warnings.map((w) => (
              <div key={w} className="fact-detail">
                {w}
              </div>
            ))}
        </div>
      ))}
      {ignored.length > 0 && (
        <div className="fact" aria-label="Files not used">
          Not used: <span className="mono">{ignored.join(', ')}</span>
        </div>
      )}
    </div>
  );
}
