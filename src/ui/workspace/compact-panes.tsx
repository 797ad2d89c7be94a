/**
 * The workspace on a window too narrow for three panes: the module tree becomes a drawer opened from
 * a "Modules" button, and below the narrow width the module and its JSON become two tabs. Both panes
 * stay mounted when hidden, so an editor keeps its text, cursor and undo while the other tab shows.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ModuleInfo, Program } from '../../core/program/model/program';
import { useDemoLinkStore } from '../../state/demo-link-store';
import { useSelectionStore } from '../../state/selection-store';
import { JSON_WIDTH, useSettingsStore } from '../../state/settings-store';
import { JsonPane } from './json-pane';
import type { LayoutMode } from './layout-mode';
import { ModulePanel } from './module-panel';
import { ModuleTree } from './module-tree';
import { Splitter } from './splitter';

type Pane = 'module' | 'json';

export function CompactPanes({ program, selected, mode }: { program: Program; selected: ModuleInfo | undefined; mode: Exclude<LayoutMode, 'wide'> }) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pane, setPane] = useState<Pane>('module');
  const toggleRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLDivElement>(null);
  const jsonWidth = useSettingsStore((s) => s.jsonWidth);
  const setJsonWidth = useSettingsStore((s) => s.setJsonWidth);
  const moduleId = useSelectionStore((s) => s.moduleId);
  const toPrompt = useDemoLinkStore((s) => s.toPrompt);
  const toCard = useDemoLinkStore((s) => s.toCard);

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
    if (!drawerOpen) return;
    const drawer = drawerRef.current;
    (drawer?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ?? drawer?.querySelector<HTMLElement>('input'))?.focus();
  }, [drawerOpen]);

  const onDrawerKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    closeDrawer();
  };

  const narrow = mode === 'narrow';
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
  const panelProps = (id: Pane) => (narrow ? { id: `pane-${id}`, role: 'tabpanel', 'aria-labelledby': `pane-tab-${id}`, hidden: pane !== id } : { id: `pane-${id}` });

  return (
    <div className={`panes-compact ${mode}`}>
      <div className="pane-switcher">
        <button ref={toggleRef} type="button" className="button small" aria-expanded={drawerOpen} aria-controls="module-drawer" onClick={() => (drawerOpen ? closeDrawer() : setDrawerOpen(true))}>
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
      <div className="panes-body" style={narrow ? undefined : { gridTemplateColumns: `minmax(0, 1fr) 5px minmax(260px, min(${jsonWidth}px, 50%))` }}>
        <div className="pane-slot" {...panelProps('module')}>
          {selected ? <ModulePanel module={selected} /> : <div className="placeholder muted">Select a module.</div>}
        </div>
        {!narrow && <Splitter label="Resize JSON view" value={{ now: jsonWidth, ...JSON_WIDTH }} onDrag={(dx) => setJsonWidth(useSettingsStore.getState().jsonWidth - dx)} />}
        <div className="pane-slot" {...panelProps('json')}>
          {selected ? <JsonPane moduleId={selected.id} /> : <div className="placeholder muted">Select a module to see its JSON.</div>}
        </div>
        {drawerOpen && <div className="drawer-backdrop" onClick={() => closeDrawer()} aria-hidden="true" />}
        <div id="module-drawer" className="module-drawer" ref={drawerRef} hidden={!drawerOpen} onKeyDown={onDrawerKey}>
          <ModuleTree program={program} />
        </div>
      </div>
    </div>
  );
}
