/**
 * The editing layout: module tree | selected module | JSON, with panes resized by dragging and
 * remembered between visits. A window too narrow for three panes gets the compact layout (the tree
 * in a drawer, and on the narrowest the module and JSON as tabs): nothing is pushed off screen.
 */
import type { Program } from '../../core/program/model/program';
import { useSelectionStore } from '../../state/selection-store';
import type { DocumentSummary } from '../../worker/protocol';
import { DocumentView } from '../document/document-view';
import { Panes } from './panes';
import { FileFacts } from './file-facts';
import { HistoryPanel } from '../history/history-panel';
import { MigrateBanner } from '../migrate/migrate-banner';
import { PickleContent } from '../pickle/pickle-content';
import { PickleReports } from '../pickle/pickle-reports';
import { ProgramBar } from './program-bar';
import { StatusBar } from './status-bar';

export function Workspace({ program, summary }: { program: Program; summary: DocumentSummary }) {
  const moduleId = useSelectionStore((s) => s.moduleId);
  const selected = program.modules.find((m) => m.id === moduleId);

  return (
    <div className="workspace">
      <ProgramBar program={program} summary={summary} />
      {/* The history drawer opens over this body, below the program bar: Export and Undo stay in reach. */}
      <div className="workspace-body">
        {/* What the workspace says about the file gives up height first (it scrolls), the panes keep theirs. */}
        <div className="workspace-notices">
          <PickleReports summary={summary} program={program} />
          <MigrateBanner />
          {program.notes.length > 0 && (
            <ul className="notes" aria-label="Notes about this file">
              {program.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <FileFacts />
        </div>
        <PickleContent summary={summary}>
          {program.modules.length === 0 ? <DocumentView summary={summary} /> : <Panes program={program} selected={selected} />}
        </PickleContent>
        <HistoryPanel />
      </div>
      <StatusBar />
    </div>
  );
}
