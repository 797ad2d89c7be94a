/**
 * The three panes (module tree | module | JSON) at every window width. Wide: side by side, resized by
 * dragging and remembered. Narrower: the tree becomes a drawer opened from a "Modules" button; the
 * narrowest: the module and its JSON become two tabs. Every pane keeps its place in one element tree
 * whatever the width, so crossing a width keeps what they hold (an editor's text, cursor and undo, the
 * chosen tab, the tree's folds), and a hidden tab stays mounted.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ModuleInfo, Program } from '../../core/program/model/program';
import { useDemoLinkStore } from '../../state/demo-link-store';
import { useSelectionStore } from '../../state/selection-store';
import { JSON_WIDTH, TREE_WIDTH, useSettingsStore } from '../../state/settings-store';
import { JsonPane } from './json-pane';
import { useLayoutMode } from './layout-mode';
import { ModulePanel } from './module-panel';
import { ModuleTree } from './module-tree';
import { Splitter } from './splitter';

type Pane = 'module' | 'json';

export function Panes({ program, selected }: { program: Program; selected: ModuleInfo | undefined }) {
  const mode = useLayoutMode();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pane, setPane] = useState<Pane>('module');
  const toggleRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLDivElement>(null);
  const treeWidth = useSettingsStore((s) => s.treeWidth);
  const jsonWidth = useSettingsStore((s) => s.jsonWidth);
  const setTreeWidth = useSettingsStore((s) => s.setTreeWidth);
  const setJsonWidth = useSettingsStore((s) => s.setJsonWidth);
  const moduleId = useSelectionStore((s) => s.moduleId);
  const toPrompt = useDemoLinkStore((s) => s.toPrompt);
  const toCard = useDemoLinkStore((s) => s.toCard);
  const compact = mode !== 'wide';
  const narrow = mode === 'narrow';
  const drawerShown = compact && drawerOpen;

  const closeDrawer = () => {
    setDrawerOpen(false);
    toggleRef.current?.focus();
  };

  // A module picked in the drawer is what the user came for: the drawer gets out of its way.
  const shownModule = useRef(moduleId);
  useEffect(() => {
    if (shownModule.current === moduleId) return;
    shownModule.current = moduleId;
    setPane('module');
    setDrawerOpen((open) => {
      if (open) toggleRef.current?.focus();
      return false;
    });
  }, [moduleId]);

  // Jumps between a demo card and its prompt cross the tabs too.
  useEffect(() => {
    if (toPrompt) setPane('json');
  }, [toPrompt]);
  useEffect(() => {
    if (toCard) setPane('module');
  }, [toCard]);

  // The opened drawer takes the focus, on the tree's current row (or its filter when nothing is shown).
  useEffect(() => {
    if (!drawerShown) return;
    const drawer = drawerRef.current;
    (drawer?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ?? drawer?.querySelector<HTMLElement>('input'))?.focus();
  }, [drawerShown]);

  const onDrawerKey = (e: KeyboardEvent) => {
    if (!drawerShown || e.key !== 'Escape') return;
    e.stopPropagation();
    closeDrawer();
  };

  const tab = (id: Pane, label: string) => (
    <button
      type="button"
      role="tab"
      id={`pane-tab-${id}`}
      aria-controls={`pane-${id}`}
      aria-selected={pane === id}
      tabIndex={pane === id ? 0 : -1}
      className={pane === id ? 'tab active' : 'tab'}
      onClick={() => setPane(id)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          const other: Pane = id === 'module' ? 'json' : 'module';
          setPane(other);
          document.getElementById(`pane-tab-${other}`)?.focus();
        }
      }}
    >
      {label}
    </button>
  );
  const slot = (id: Pane) => (narrow ? { id: `pane-${id}`, role: 'tabpanel', 'aria-labelledby': `pane-tab-${id}`, hidden: pane !== id } : { id: `pane-${id}` });
  const columns =
    mode === 'wide'
      ? `minmax(160px, ${treeWidth}px) 5px minmax(300px, 1fr) 5px minmax(240px, ${jsonWidth}px)`
      : mode === 'medium'
        ? `minmax(0, 1fr) 5px minmax(260px, min(${jsonWidth}px, 50%))`
        : 'minmax(0, 1fr)';

  return (
    <div className={`panes-frame ${mode}`}>
      {compact && (
        <div className="pane-switcher">
          <button
            ref={toggleRef}
            type="button"
            className="button small"
            aria-expanded={drawerOpen}
            aria-controls="module-drawer"
            onClick={() => (drawerOpen ? closeDrawer() : setDrawerOpen(true))}
          >
            <span className="menu-glyph" aria-hidden="true" />
            Modules
          </button>
          {selected && (
            <span className="pane-switcher-module mono" title={selected.id}>
              {selected.id}
            </span>
          )}
          {narrow && (
            <div className="pane-tabs" role="tablist" aria-label="Panes">
              {tab('module', 'Module')}
              {tab('json', 'JSON')}
            </div>
          )}
        </div>
      )}
      <div className="panes" style={{ gridTemplateColumns: columns }}>
        <div id="module-drawer" className="tree-slot" ref={drawerRef} hidden={compact && !drawerOpen} onKeyDown={onDrawerKey}>
          <ModuleTree program={program} />
        </div>
        {mode === 'wide' && (
          <Splitter
            label="Resize module tree"
            value={{ now: treeWidth, ...TREE_WIDTH }}
            onDrag={(dx) => setTreeWidth(useSettingsStore.getState().treeWidth + dx)}
          />
        )}
        <div className="pane-slot" {...slot('module')}>
          {selected ? <ModulePanel module={selected} /> : <div className="placeholder muted">Select a module.</div>}
        </div>
        {!narrow && (
          <Splitter
            label="Resize JSON view"
            value={{ now: jsonWidth, ...JSON_WIDTH }}
            onDrag={(dx) => setJsonWidth(useSettingsStore.getState().jsonWidth - dx)}
          />
        )}
        <div className="pane-slot" {...slot('json')}>
          {selected ? <JsonPane moduleId={selected.id} /> : <div className="placeholder muted">Select a module to see its JSON.</div>}
        </div>
        {drawerShown && <div className="drawer-backdrop" onClick={() => closeDrawer()} aria-hidden="true" />}
      </div>
    </div>
  );
}
