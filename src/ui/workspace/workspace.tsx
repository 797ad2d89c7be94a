/**
 * The editing layout: module tree | selected module | JSON, with panes resized by dragging and
 * remembered between visits. A window too narrow for three panes gets the compact layout (the tree
 * in a drawer, and on the narrowest the module and JSON as tabs): nothing is pushed off screen.
 */
import type { Program } from '../../core/program/model/program';
import { useSelectionStore } from '../../state/selection-store';
import { JSON_WIDTH, TREE_WIDTH, useSettingsStore } from '../../state/settings-store';
import type { DocumentSummary } from '../../worker/protocol';
import { DocumentView } from '../document/document-view';
import { CompactPanes } from './compact-panes';
import { useLayoutMode } from './layout-mode';
import { FileFacts } from './file-facts';
import { HistoryPanel } from '../history/history-panel';
import { MigrateBanner } from '../migrate/migrate-banner';
import { JsonPane } from './json-pane';
import { ModulePanel } from './module-panel';
import { ModuleTree } from './module-tree';
import { PickleContent } from '../pickle/pickle-content';
import { PickleReports } from '../pickle/pickle-reports';
import { ProgramBar } from './program-bar';
import { Splitter } from './splitter';
import { StatusBar } from './status-bar';

export function Workspace({ program, summary }: { program: Program; summary: DocumentSummary }) {
  const moduleId = useSelectionStore((s) => s.moduleId);
  const treeWidth = useSettingsStore((s) => s.treeWidth);
  const jsonWidth = useSettingsStore((s) => s.jsonWidth);
  const setTreeWidth = useSettingsStore((s) => s.setTreeWidth);
  const setJsonWidth = useSettingsStore((s) => s.setJsonWidth);
  const selected = program.modules.find((m) => m.id === moduleId);
  const mode = useLayoutMode();

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
          {program.modules.length === 0 ? (
            <DocumentView summary={summary} />
          ) : mode !== 'wide' ? (
            <CompactPanes program={program} selected={selected} mode={mode} />
          ) : (
            <div className="panes" style={{ gridTemplateColumns: `minmax(160px, ${treeWidth}px) 5px minmax(300px, 1fr) 5px minmax(240px, ${jsonWidth}px)` }}>
              <ModuleTree program={program} />
              <Splitter label="Resize module tree" value={{ now: treeWidth, ...TREE_WIDTH }} onDrag={(dx) => setTreeWidth(useSettingsStore.getState().treeWidth + dx)} />
              {selected ? <ModulePanel module={selected} /> : <div className="placeholder muted">Select a module.</div>}
              <Splitter label="Resize JSON view" value={{ now: jsonWidth, ...JSON_WIDTH }} onDrag={(dx) => setJsonWidth(useSettingsStore.getState().jsonWidth - dx)} />
              {selected ? <JsonPane moduleId={selected.id} /> : <div />}
            </div>
          )}
        </PickleContent>
        <HistoryPanel />
      </div>
      <StatusBar />
    </div>
  );
}
