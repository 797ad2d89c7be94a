/**
 * The URL as a view of the state, and the way in from a link:
 * - `#p=<payload>` opens a shared program read-only (the fragment never reaches a server);
 * - `?url=<address>` fetches a file the user asked for;
 * - `#/m/<module id>` (or `&m=` after a payload) selects a module once a file that has it is open.
 * Selecting a module pushes a history entry, so back and forward walk the selection.
 */
import { toErrorInfo } from '../core/engine/errors';
import { formatFragment, parseFragment } from '../core/program/share/fragment';
import { decodeShareLink } from '../core/program/share/share-link';
import { useDocumentStore } from './document-store';
import { useSelectionStore } from './selection-store';
import { useSession } from './session/session-store';

interface RouteState {
  /** The share payload of the open document, kept in the fragment while it is shown read-only. */
  payload?: string;
  /** A module the URL named before a document that has it was open. */
  pendingModuleId?: string;
  /** The document the URL was last written for; a new one replaces the entry instead of pushing. */
  routedClient?: unknown;
  /** Set while applying back/forward, so the selection change does not push again. */
  navigating: boolean;
  replaceNext: boolean;
}

const route: RouteState = { navigating: false, replaceNext: false };

/** Opens the program a share payload carries, read-only; a broken link shows its error and changes nothing. */
async function openPayload(payload: string, moduleId: string | undefined): Promise<void> {
  let shared;
  try {
    shared = decodeShareLink(payload);
  } catch (e) {
    useSession.getState().showError({ ...toErrorInfo(e, 'share-link'), fileName: 'the share link' });
    return;
  }
  route.pendingModuleId = moduleId;
  const before = route.payload;
  // Set first, so the URL written while the document arrives keeps the payload.
  route.payload = payload;
  const bytes = shared.bytes.buffer.slice(shared.bytes.byteOffset, shared.bytes.byteOffset + shared.bytes.byteLength) as ArrayBuffer;
  const opened = await useDocumentStore.getState().open({ kind: 'bytes', bytes, name: shared.name }, { readOnly: true });
  if (opened) writeUrl('replace');
  else route.payload = before;
}

function currentUrl(): string {
  const moduleId = useSelectionStore.getState().moduleId;
  const fragment = formatFragment({ ...(route.payload !== undefined ? { payload: route.payload } : {}), ...(moduleId ? { moduleId } : {}) });
  return `${location.pathname}${location.search}${fragment}`;
}

function writeUrl(mode: 'push' | 'replace'): void {
  const next = currentUrl();
  if (next === `${location.pathname}${location.search}${location.hash}`) return;
  // An empty fragment still needs the path, or the old fragment stays.
  if (mode === 'push') history.pushState(null, '', next);
  else history.replaceState(null, '', next);
}

/** The link that shows the open program to someone without the file: the page's address plus `#p=`. */
export function shareUrl(payload: string, moduleId?: string): string {
  return `${location.origin}${location.pathname}${formatFragment({ payload, ...(moduleId ? { moduleId } : {}) })}`;
}

/** A deep link to a module, for people who have the same file open. */
export function moduleUrl(moduleId: string): string {
  return `${location.origin}${location.pathname}${formatFragment({ moduleId })}`;
}

function selectPending(): void {
  const id = route.pendingModuleId;
  const program = useSession.getState().program;
  if (!id || !program) return;
  route.pendingModuleId = undefined;
  if (!program.modules.some((m) => m.id === id)) return;
  // Part of opening the link, not a step of its own: replace, do not push.
  route.replaceNext = true;
  try {
    useSelectionStore.getState().selectModule(id);
  } finally {
    route.replaceNext = false;
  }
}

/** Reads the URL once at start-up and keeps it in step with the state afterwards. Returns a stop function. */
export function startRouting(): () => void {
  const fragment = parseFragment(location.hash);
  const url = new URLSearchParams(location.search).get('url');
  route.pendingModuleId = fragment.moduleId;
  if (fragment.payload !== undefined) void openPayload(fragment.payload, fragment.moduleId);
  else if (url) void useDocumentStore.getState().openUrl(url);

  const stopDocument = useSession.subscribe((state, previous) => {
    if (state.client !== previous.client) {
      // Another file replaced the shared one: its payload no longer describes the page.
      if (!state.readOnly) route.payload = undefined;
      selectPending();
      route.routedClient = state.client;
      writeUrl('replace');
    }
    if (previous.readOnly && !state.readOnly && state.client === previous.client) {
      // "Open as my copy": the link no longer reopens the shared, read-only version on reload.
      route.payload = undefined;
      writeUrl('replace');
    }
  });

  const stopSelection = useSelectionStore.subscribe((state, previous) => {
    if (state.moduleId === previous.moduleId || route.navigating) return;
    const client = useSession.getState().client;
    const fresh = client !== route.routedClient;
    route.routedClient = client;
    // The automatic selection of a newly opened file is not a step the user would go back to.
    writeUrl(fresh || route.replaceNext ? 'replace' : 'push');
  });

  const onPopState = () => {
    const next = parseFragment(location.hash);
    if (next.payload !== undefined && next.payload !== route.payload) {
      void openPayload(next.payload, next.moduleId);
      return;
    }
    const program = useSession.getState().program;
    if (!next.moduleId) return;
    if (!program) {
      route.pendingModuleId = next.moduleId;
      return;
    }
    if (!program.modules.some((m) => m.id === next.moduleId)) return;
    route.navigating = true;
    try {
      useSelectionStore.getState().selectModule(next.moduleId);
    } finally {
      route.navigating = false;
    }
  };
  window.addEventListener('popstate', onPopState);

  return () => {
    stopDocument();
    stopSelection();
    window.removeEventListener('popstate', onPopState);
  };
}
