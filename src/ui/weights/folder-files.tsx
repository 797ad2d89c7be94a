/**
 * Every file that came in the drop, with what its bytes show it is; a pickle among them
 * (training_args.bin, optimizer.pt, an object array) carries its safety report, graded in the worker.
 */
import type { FolderSummary } from '../../core/engine/weights/model-folder';
import { useWeightsStore } from '../../state/weights-store';
import { formatBytes } from '../format-bytes';
import { SafetyReport } from '../pickle/safety-report';
import '../pickle/pickle.css';
import { fileFormatLabel, ROLE_LABEL } from './weights-labels';

export function FolderFiles({ summary }: { summary: FolderSummary }) {
  const pickles = useWeightsStore((s) => s.pickles);
  return (
    <section className="weights-card weights-files" aria-labelledby="weights-files-h">
      <div className="weights-card-head">
        <h2 id="weights-files-h">Files</h2>
        <span className="muted">{summary.files.length.toLocaleString('en-US')}</span>
      </div>
      <ul className="weights-file-list" aria-label="Files">
        {summary.files.map((f) => {
          const report = pickles[f.name];
          return (
            <li key={f.name} data-file={f.name} className={f.error ? 'broken' : undefined}>
              <div className="weights-file-row">
                <span className="mono weights-file-name">{f.name}</span>
                <span className={`weights-role role-${f.role}`}>{fileFormatLabel(f) ?? ROLE_LABEL[f.role]}</span>
                {report?.status === 'done' && <span className={`pickle-verdict ${report.safety.verdict}`}>{report.safety.verdict}</span>}
                <span className="muted weights-file-size">{formatBytes(f.size)}</span>
              </div>
              {f.error && (
                <p className="inline-error">
                  {f.error.message} [{f.error.layer}
                  {f.error.offset !== undefined ? `, byte ${f.error.offset.toLocaleString('en-US')}` : ''}]
                </p>
              )}
              {report?.status === 'loading' && <p className="muted">Grading the pickle…</p>}
              {report?.status === 'error' && <p className="inline-error">The pickle could not be graded: {report.error.message}</p>}
              {report?.status === 'done' && <SafetyReport safety={report.safety} fileName={f.name} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
