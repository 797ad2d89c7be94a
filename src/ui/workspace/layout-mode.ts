/**
 * How much room the workspace has, from the window's width: 'wide' shows tree | module | JSON side by
 * side; 'medium' keeps module | JSON and moves the tree into a drawer; 'narrow' shows one pane at a
 * time (module or JSON, as tabs) with the tree in the drawer. The widths are where the panes' own
 * minimums (tree 160, module 300, JSON 240) stop fitting with room to read.
 */
import { useSyncExternalStore } from 'react';

export type LayoutMode = 'wide' | 'medium' | 'narrow';

const WIDE = '(min-width: 1100px)';
const MEDIUM = '(min-width: 720px)';

function subscribe(onChange: () => void): () => void {
  const queries = [window.matchMedia(WIDE), window.matchMedia(MEDIUM)];
  for (const q of queries) q.addEventListener('change', onChange);
  return () => queries.forEach((q) => q.removeEventListener('change', onChange));
}

function current(): LayoutMode {
  if (window.matchMedia(WIDE).matches) return 'wide';
  return window.matchMedia(MEDIUM).matches ? 'medium' : 'narrow';
}

export function useLayoutMode(): LayoutMode {
  return useSyncExternalStore(subscribe, current);
}
