/**
 * The weights page: a safetensors, GGUF or NumPy file, or a model folder of them, read header-first
 * in its worker. Summary first, then the joined tensor tree beside the selected tensor, then the
 * metadata editor and the folder's files (pickles with their safety reports).
 */
import { useWeightsStore } from '../../state/weights-store';
import { FolderFiles } from './folder-files';
import { MetadataEditor } from './metadata-editor';
import { SummaryCard } from './summary-card';
import { TensorDetail } from './tensor-detail';
import { TensorTree } from './tensor-tree';
import { KIND_LABEL } from './weights-labels';
import './weights.css';

export function WeightsView() {
  const status = useWeightsStore((s) => s.status);
  const loadingNames = useWeightsStore((s) => s.loadingNames);
  const summary = useWeightsStore((s) => s.summary);
  const tree = useWeightsStore((s) => s.tree);
  const title = useWeightsStore((s) => s.title);
  const error = useWeightsStore((s) => s.error);
  const close = useWeightsStore((s) => s.close);
  const dismissError = useWeightsStore((s) => s.dismissError);

  if (!summary || !tree) {
    return (
      <div className="weights-view">
        <p className="placeholder muted" role="status">
          {status === 'loading'
            ? `Reading the headers of ${loadingNames.length.toLocaleString('en-US')} file${loadingNames.length === 1 ? '' : 's'}…`
            : 'Nothing is open.'}
        </p>
      </div>
    );
  }
  return (
    <div className="weights-view" aria-label="Weights">
      <header className="weights-head">
        <div className="weights-title">
          <span className="weights-kind">{summary.kind === 'weights' && summary.files.length === 1 ? 'Weights file' : KIND_LABEL[summary.kind]}</span>
          <h1 className="mono">{title}</h1>
        </div>
        <p className="muted weights-privacy">Headers only: tensor bytes are read when you preview one, and nothing leaves this browser.</p>
        <button type="button" className="button small" onClick={close}>
          Close
        </button>
      </header>
      {status === 'loading' && (
        <p className="muted" role="status">
          Reading {loadingNames.length.toLocaleString('en-US')} new files…
        </p>
      )}
      {error && (
        <div className="weights-alert" role="alert">
          <span>{`${error.message} [${error.layer}]`}</span>
          <button type="button" className="button small" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <SummaryCard summary={summary} />
      {summary.notes.length > 0 && (
        <ul className="weights-notes" aria-label="Notes">
          {summary.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="weights-grid">
        <TensorTree root={tree} />
        <TensorDetail />
      </div>
      <div className="weights-grid even">
        <MetadataEditor entries={summary.files} />
        <FolderFiles summary={summary} />
      </div>
    </div>
  );
}
