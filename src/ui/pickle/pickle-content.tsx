/**
 * Wraps the document's content when it is a pickle or torch file: a dangerous pickle's content
 * stays collapsed until the user asks for it, and a dock below offers the tensor table and the
 * disassembly. Other documents pass straight through.
 */
import { useState, type ReactNode } from 'react';
import type { DocumentSummary } from '../../worker/protocol';
import { DisassemblyView } from './disassembly-view';
import { safetyOf, tensorCount } from './safety-of';
import { TensorTable } from './tensor-table';
import './pickle.css';

type DockTab = 'tensors' | 'disassembly';

export function PickleContent({ summary, children }: { summary: DocumentSummary; children: ReactNode }) {
  const safety = safetyOf(summary.recipe);
  // Per document: a reveal, or the dock's tab, does not carry over to the next file opened.
  const [revealedFor, setRevealedFor] = useState<DocumentSummary>();
  const tensors = tensorCount(summary.recipe);
  const [dock, setDock] = useState<{ for: DocumentSummary; tab: DockTab | undefined }>();
  if (!safety) return <>{children}</>;

  const hidden = safety.verdict === 'dangerous' && revealedFor !== summary;
  const tab = dock?.for === summary ? dock.tab : tensors > 0 ? 'tensors' : undefined;
  const choose = (t: DockTab) => setDock({ for: summary, tab: tab === t ? undefined : t });

  return (
    <div className="pickle-content">
      <div className="pickle-main">
        {hidden ? (
          <div className="pickle-hidden" data-testid="pickle-content-hidden">
            <p>The content of this pickle is hidden because loading it in Python would run code. Showing it here runs nothing: it is read as data.</p>
            <button type="button" className="button" onClick={() => setRevealedFor(summary)}>
              Show the content anyway
            </button>
          </div>
        ) : (
          children
        )}
      </div>
      <div className={tab ? 'pickle-dock open' : 'pickle-dock'}>
        <div className="pickle-dock-tabs tabs" role="tablist" aria-label="Pickle views">
          {tensors > 0 && (
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'tensors'}
              className={tab === 'tensors' ? 'tab active' : 'tab'}
              onClick={() => choose('tensors')}
            >
              Tensors ({tensors.toLocaleString('en-US')})
            </button>
          )}
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'disassembly'}
            className={tab === 'disassembly' ? 'tab active' : 'tab'}
            onClick={() => choose('disassembly')}
          >
            Disassembly
          </button>
          {tab && (
            <button type="button" className="button small pickle-dock-hide" onClick={() => setDock({ for: summary, tab: undefined })}>
              Hide
            </button>
          )}
        </div>
        {tab === 'tensors' && <TensorTable key={`${summary.name}|${summary.openMs}`} />}
        {tab === 'disassembly' && <DisassemblyView key={`${summary.name}|${summary.openMs}`} />}
      </div>
    </div>
  );
}
