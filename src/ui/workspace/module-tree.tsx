/**
 * The module tree: the WAI-ARIA tree pattern (roving tabindex; Up/Down, Home/End, Right/Left to open,
 * close or move to the parent, `*` to open the siblings, Enter/Space, type-ahead), a search box, and each
 * module's demo count. Nested names ("react.extract.predict") are real branches.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildModuleTree } from '../../core/program/model/module-tree';
import type { ModuleTreeNode, Program } from '../../core/program/model/program';
import { useSelectionStore } from '../../state/selection-store';
import { useDraftsStore } from '../../state/drafts-store';
import './drafts.css';
import { ModuleMenu, type MenuAnchor } from '../export/module-menu';

interface Row {
  node: ModuleTreeNode;
  key: string;
  level: number;
  expandable: boolean;
  expanded: boolean;
  parentKey?: string;
}

function matches(node: ModuleTreeNode, needle: string): boolean {
  if (node.path.join('.').toLowerCase().includes(needle)) return true;
  return node.children.some((c) => matches(c, needle));
}

function flatten(nodes: ModuleTreeNode[], collapsed: ReadonlySet<string>, needle: string, level = 1, parentKey?: string, out: Row[] = []): Row[] {
  for (const node of nodes) {
    if (needle && !matches(node, needle)) continue;
    const key = node.module?.id ?? node.path.join('\u0000');
    const expandable = node.children.length > 0;
    // A search opens every branch that holds a match.
    const expanded = expandable && (needle !== '' || !collapsed.has(key));
    out.push({ node, key, level, expandable, expanded, parentKey });
    if (expanded) flatten(node.children, collapsed, needle, level + 1, key, out);
  }
  return out;
}

function demoTotal(node: ModuleTreeNode): number {
  return (node.module?.demoCount ?? 0) + node.children.reduce((n, c) => n + demoTotal(c), 0);
}

/** How long a pause ends a type-ahead prefix (the APG's suggestion is about half a second). */
const TYPE_AHEAD_PAUSE_MS = 500;

const KIND_LABEL: Record<string, string> = { predict: 'P', retrieve: 'R', flex: 'F', module: 'M', parameter: '·', unknown: '?' };

export function ModuleTree({ program }: { program: Program }) {
  const moduleId = useSelectionStore((s) => s.moduleId);
  const selectModule = useSelectionStore((s) => s.selectModule);
  const drafts = useDraftsStore((s) => s.drafts);
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string>();
  const listRef = useRef<HTMLUListElement>(null);
  const [menu, setMenu] = useState<MenuAnchor>();
  const menuReturn = useRef<HTMLElement | null>(null);
  const openMenu = (moduleId: string | undefined, from: HTMLElement, at?: { x: number; y: number }) => {
    const box = from.getBoundingClientRect();
    menuReturn.current = from;
    setMenu({ ...(moduleId !== undefined ? { moduleId } : {}), x: at?.x ?? box.left + 16, y: at?.y ?? box.bottom });
  };

  const tree = useMemo(() => buildModuleTree(program.modules), [program.modules]);
  const rows = useMemo(() => flatten(tree, collapsed, search.trim().toLowerCase()), [tree, collapsed, search]);
  const activeKey = rows.some((r) => r.key === focusKey) ? focusKey : (rows.find((r) => r.node.module?.id === moduleId) ?? rows[0])?.key;

  // The real focus follows the roving one in the same commit as the render that moved it (a layout
  // effect, not a frame later), so a key pressed right after another acts on the row the user sees.
  const moveFocus = useRef(false);
  useLayoutEffect(() => {
    if (!moveFocus.current || activeKey === undefined) return;
    moveFocus.current = false;
    // Matched by value, not by a selector: a group's key joins its path with NUL, which CSS.escape rewrites.
    const rowsShown = listRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [];
    [...rowsShown].find((el) => el.dataset.key === activeKey)?.focus();
  });
  const focusRow = (key: string | undefined) => {
    if (!key) return;
    moveFocus.current = true;
    setFocusKey(key);
  };
  // Type-ahead: letters typed within a short pause make one prefix, matched from the row after the focus.
  const typed = useRef({ text: '', at: 0 });
  const typeAhead = (char: string, from: number) => {
    const now = performance.now();
    const prefix = (now - typed.current.at < TYPE_AHEAD_PAUSE_MS ? typed.current.text : '') + char.toLowerCase();
    typed.current = { text: prefix, at: now };
    // One letter, or the same letter typed again, cycles through the rows starting with it.
    const cycling = [...prefix].every((c) => c === prefix[0]);
    const needle = cycling ? prefix[0]! : prefix;
    const start = cycling ? from + 1 : from;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[(start + i) % rows.length];
      if (row?.node.segment.toLowerCase().startsWith(needle)) return focusRow(row.key);
    }
  };
  const toggle = (key: string, open: boolean) => {
    const next = new Set(collapsed);
    if (open) next.delete(key);
    else next.add(key);
    setCollapsed(next);
  };
  const activate = (row: Row) => {
    if (row.node.module) selectModule(row.node.module.id);
    else if (row.expandable) toggle(row.key, !row.expanded);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = rows.findIndex((r) => r.key === activeKey);
    const row = rows[index];
    if (!row) return;
    const handled = () => event.preventDefault();
    if (event.key.length !== 1) typed.current = { text: '', at: 0 };
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      handled();
      openMenu(row.node.module?.id, event.target as HTMLElement);
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        handled();
        focusRow(rows[Math.min(rows.length - 1, index + 1)]?.key);
        break;
      case 'ArrowUp':
        handled();
        focusRow(rows[Math.max(0, index - 1)]?.key);
        break;
      case 'Home':
        handled();
        focusRow(rows[0]?.key);
        break;
      case 'End':
        handled();
        focusRow(rows.at(-1)?.key);
        break;
      case 'ArrowRight':
        handled();
        if (row.expandable && !row.expanded) toggle(row.key, true);
        else if (row.expanded) focusRow(rows[index + 1]?.key);
        break;
      case 'ArrowLeft':
        handled();
        if (row.expanded) toggle(row.key, false);
        else focusRow(row.parentKey);
        break;
      case '*': {
        handled();
        const siblings = rows.filter((r) => r.parentKey === row.parentKey && r.expandable && !r.expanded);
        if (siblings.length) setCollapsed(new Set([...collapsed].filter((k) => !siblings.some((r) => r.key === k))));
        break;
      }
      case 'Enter':
      case ' ':
        handled();
        activate(row);
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
          handled();
          typeAhead(event.key, index);
        }
    }
  };

  return (
    <nav className="tree-pane" aria-label="Modules">
      <div className="pane-title">
        <span>Modules</span>
        <span className="pane-title-end">
          <span className="muted">{program.modules.length}</span>
          <button
            type="button"
            className="icon-button"
            aria-haspopup="menu"
            aria-label="Module actions"
            title="Module actions: export or import a module (Shift+F10 on a module)"
            onClick={(e) => openMenu(moduleId, e.currentTarget)}
          >
            ⋯
          </button>
        </span>
      </div>
      <input
        className="search"
        type="search"
        placeholder="Filter modules"
        aria-label="Filter modules"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {rows.length === 0 && <div className="tree-empty muted">{program.modules.length === 0 ? 'No modules in this file.' : 'No module matches.'}</div>}
      <ul className="tree" role="tree" aria-label="Module tree" ref={listRef} onKeyDown={onKeyDown}>
        {rows.map((row) => {
          const mod = row.node.module;
          const drafted = mod !== undefined && drafts[mod.id]?.error !== undefined;
          const selected = mod !== undefined && mod.id === moduleId;
          const demos = demoTotal(row.node);
          return (
            <li
              key={row.key}
              data-key={row.key}
              role="treeitem"
              aria-level={row.level}
              aria-selected={selected}
              aria-expanded={row.expandable ? row.expanded : undefined}
              aria-label={mod ? `${mod.id}, ${mod.kind}, ${mod.demoCount} demos${drafted ? ', unsaved draft with an error' : ''}` : row.node.segment}
              tabIndex={row.key === activeKey ? 0 : -1}
              className={selected ? 'tree-row selected' : 'tree-row'}
              style={{ paddingLeft: 8 + (row.level - 1) * 14 }}
              onClick={() => {
                setFocusKey(row.key);
                activate(row);
              }}
              onFocus={() => setFocusKey(row.key)}
              onContextMenu={(e) => {
                e.preventDefault();
                setFocusKey(row.key);
                openMenu(mod?.id, e.currentTarget, { x: e.clientX, y: e.clientY });
              }}
            >
              <span
                className={row.expandable ? (row.expanded ? 'twisty open' : 'twisty') : 'twisty none'}
                onClick={(e) => {
                  if (!row.expandable) return;
                  e.stopPropagation();
                  toggle(row.key, !row.expanded);
                }}
                aria-hidden="true"
              />
              {mod ? (
                <span className={`kind kind-${mod.kind}`} title={mod.className ?? mod.kind} aria-hidden="true">
                  {KIND_LABEL[mod.kind] ?? '?'}
                </span>
              ) : (
                <span className="kind kind-group" aria-hidden="true" />
              )}
              <span className="tree-name">{row.node.segment}</span>
              {drafted && (
                <span className="tree-draft" data-testid="tree-draft" title="Unsaved draft with an error in Module JSON" aria-hidden="true">
                  draft
                </span>
              )}
              {demos > 0 && (
                <span className="count" title={`${demos} demos`}>
                  {demos.toLocaleString('en-US')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {menu && (
        <ModuleMenu
          anchor={menu}
          onClose={(refocus) => {
            setMenu(undefined);
            if (refocus) menuReturn.current?.focus();
          }}
        />
      )}
    </nav>
  );
}
