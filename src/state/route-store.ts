/**
 * The URL as a view of the state, and the way in from a link:
 * - `#p=<payload>` opens a shared program read-only (the fragment never reaches a server);
 * - `?url=<address>` fetches a file the user asked for;
 *   both are first described (name, size, format; address and host) and open only on the user's
 *   click (state/incoming-link-store, ui/share/incoming-link), so a link alone never makes the app
 *   decode or fetch anything;
 * - `#/m/<module id>` (or `&m=` after a payload) selects a module once a file that has it is open.
 * Selecting a module pushes a history entry, so back and forward walk the selection.
 */
import { toErrorInfo } from '../core/engine/errors';
import { formatFragment, parseFragment } from '../core/program/share/fragment';
import type { SharePreview } from '../core/program/share/link-preview';
import { useDocumentStore } from './document-store';
import { useIncomingLinkStore } from './incoming-link-store';
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

/** The preview code (and the layers' sniffers it uses) loads only when a link asks for it. */
const loadPreview = () => import('../core/program/share/link-preview');

/** Describes what a share payload carries and waits for the click; a broken link shows its error and changes nothing. */
async function askPayload(payload: string, moduleId: string | undefined): Promise<void> {
  const { previewShareLink } = await loadPreview();
  try {
    useIncomingLinkStore.getState().setPending(previewShareLink(payload, moduleId));
  } catch (e) {
    useSession.getState().showError({ ...toErrorInfo(e, 'share-link'), fileName: 'the share link' });
  }
}

async function askUrl(text: string): Promise<void> {
  const { previewUrl } = await loadPreview();
  try {
    useIncomingLinkStore.getState().setPending(previewUrl(text));
  } catch (e) {
    useSession.getState().showError({ ...toErrorInfo(e, 'url'), fileName: text });
  }
}

/** Opens the program a share link carries, read-only. */
async function openShared(shared: SharePreview): Promise<void> {
  route.pendingModuleId = shared.moduleId;
  const before = route.payload;
  // Set first, so the URL written while the document arrives keeps the payload.
  route.payload = shared.payload;
  const bytes = shared.bytes.slice().buffer;
  const opened = await useDocumentStore.getState().open({ kind: 'bytes', bytes, name: shared.name }, { readOnly: true });
  if (opened) writeUrl('replace');
  else route.payload = before;
}

/** The user's click on the link's preview: open what it described. */
export function acceptIncomingLink(): void {
  const pending = useIncomingLinkStore.getState().pending;
  if (!pending) return;
  useIncomingLinkStore.getState().setPending(undefined);
  if (pending.kind === 'share') void openShared(pending);
  else void useDocumentStore.getState().openUrl(pending.url);
}

/** "Don't open": the link is forgotten, and taken out of the address so a reload does not ask again. */
export function dismissIncomingLink(): void {
  if (!useIncomingLinkStore.getState().pending) return;
  useIncomingLinkStore.getState().setPending(undefined);
  history.replaceState(null, '', location.pathname);
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
  if (fragment.payload !== undefined) void askPayload(fragment.payload, fragment.moduleId);
  else if (url) void askUrl(url);

  const stopDocument = useSession.subscribe((state, previous) => {
    if (state.client !== previous.client) {
      // A file opened another way answers the link that was waiting.
      if (!state.readOnly) useIncomingLinkStore.getState().setPending(undefined);
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
      void askPayload(next.payload, next.moduleId);
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
