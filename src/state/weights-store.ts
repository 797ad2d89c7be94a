/**
 * The open weights file or model folder: its own worker (worker/weights-worker) holding the page's
 * File objects by reference, the summary it read from their headers, tensor previews asked for,
 * metadata drafts being typed, and the pickles' safety reports. Exports are built here as a Blob of
 * File slices, so no file is ever held whole. A failed open leaves what was open as it was.
 */
import { create } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import type { FolderSummary } from '../core/engine/weights/model-folder';
import type { WeightsPreview } from '../core/engine/weights/preview';
import { tensorTree, type TensorNode } from '../core/engine/weights/tensor-tree';
import { createClient, type WorkerClient } from '../worker/kit/client';
import type { PickleSafety } from '../worker/protocol';
import type { WeightsMethods } from '../worker/weights-host';
import { draftChanges, EMPTY_DRAFT, sourceKey, type MetadataDraft } from './weights-drafts';

export type PreviewState = { status: 'loading' } | { status: 'done'; preview: WeightsPreview } | { status: 'error'; error: ErrorInfo };
export type PickleState = { status: 'loading' } | { status: 'done'; safety: PickleSafety } | { status: 'error'; error: ErrorInfo };
export interface ExportedFile {
  file: string;
  name: string;
  size: number;
  blob: Blob;
}

export type OpenOutcome = { kind: 'opened' } | { kind: 'not-weights' } | { kind: 'failed'; error: ErrorInfo };

interface WeightsState {
  status: 'closed' | 'loading' | 'ready';
  loadingNames: string[];
  /** The folder's name, or the one file's. */
  title?: string;
  summary?: FolderSummary;
  /** The tensors as a module tree, children in natural order (layers.2 before layers.10). */
  tree?: TensorNode;
  /** Tree paths shown open. */
  expanded: ReadonlySet<string>;
  /** The tensor shown in the detail panel: its file and name. */
  selected?: { file: string; tensor: string };
  previews: Record<string, PreviewState>;
  pickles: Record<string, PickleState>;
  /** Metadata drafts by file, and what the worker said of each change (by sourceKey). */
  drafts: Record<string, MetadataDraft>;
  checks: Record<string, Record<string, ErrorInfo>>;
  /** A failed action of this view (a preview or an export), shown in the view; what is open stays. */
  error?: ErrorInfo;
  /** Opens files as weights: 'not-weights' when the worker finds nothing this view is for (the caller opens them as a document). */
  open(files: File[]): Promise<OpenOutcome>;
  toggle(path: string): void;
  expandAll(open: boolean): void;
  select(file: string, tensor: string): void;
  preview(file: string, tensor: string): Promise<void>;
  setDraft(file: string, draft: MetadataDraft): void;
  /** Builds the edited file; resolves to it, or to undefined with the error set. */
  exportFile(file: string): Promise<ExportedFile | undefined>;
  close(): void;
  dismissError(): void;
}

let client: WorkerClient<WeightsMethods> | undefined;
/** The Files the worker reads, by the names it knows them by: exports slice them. */
let files = new Map<string, File>();
/** Only the newest check of a file's draft is kept. */
const checkSeq = new Map<string, number>();

function newClient(): WorkerClient<WeightsMethods> {
  return createClient<WeightsMethods>(new Worker(new URL('../worker/weights-worker.ts', import.meta.url), { type: 'module', name: 'weights' }), 'weights');
}

export function previewKey(file: string, tensor: string): string {
  return `${file}\n${tensor}`;
}

/** The folder's name; for files dropped loose, the one file's name or the model's architecture. */
function titleOf(names: readonly string[], summary: FolderSummary): string {
  const [first = ''] = names;
  if (names.length === 1) return first.slice(first.lastIndexOf('/') + 1);
  const folder = first.includes('/') ? first.slice(0, first.indexOf('/')) : undefined;
  if (folder && names.every((n) => n.startsWith(`${folder}/`))) return folder;
  return summary.architecture ?? `${names.length} files`;
}

const natural = new Intl.Collator('en', { numeric: true });

function sortTree(node: TensorNode): TensorNode {
  return { ...node, children: node.children.map(sortTree).sort((a, b) => natural.compare(a.name, b.name)) };
}

/** Opens the chain of only children from the root, so a model's first branching level shows at once. */
function initialExpanded(root: TensorNode): Set<string> {
  const open = new Set<string>();
  let node = root;
  while (node.children.length === 1 && !node.children[0]?.tensor) {
    node = node.children[0]!;
    open.add(node.path);
  }
  return open;
}

function allBranches(node: TensorNode, out: Set<string>): Set<string> {
  for (const c of node.children) {
    if (!c.tensor) {
      out.add(c.path);
      allBranches(c, out);
    }
  }
  return out;
}

export const useWeightsStore = create<WeightsState>()((set, get) => {
  async function loadPickles(c: WorkerClient<WeightsMethods>, names: string[]): Promise<void> {
    for (const file of names) {
      set({ pickles: { ...get().pickles, [file]: { status: 'loading' } } });
      try {
        const safety = await c.call('pickleReport', { file });
        if (client === c) set({ pickles: { ...get().pickles, [file]: { status: 'done', safety } } });
      } catch (e) {
        if (client === c) set({ pickles: { ...get().pickles, [file]: { status: 'error', error: toErrorInfo(e, 'pickle') } } });
      }
    }
  }

  async function check(file: string, draft: MetadataDraft): Promise<void> {
    const entry = get().summary?.files.find((f) => f.name === file);
    const c = client;
    if (!entry || !c) return;
    const seq = (checkSeq.get(file) ?? 0) + 1;
    checkSeq.set(file, seq);
    const changes = draftChanges(entry.metadata ?? [], draft);
    let errors: Record<string, ErrorInfo> = {};
    if (changes.length > 0) {
      try {
        const checked = await c.call('checkMetadata', { file, changes: changes.map((x) => x.change) });
        errors = Object.fromEntries(checked.flatMap((r, i) => (r.error && changes[i] ? [[sourceKey(changes[i].source), r.error]] : [])));
      } catch (e) {
        errors = { file: toErrorInfo(e, 'weights') };
      }
    }
    if (checkSeq.get(file) === seq && client === c) set({ checks: { ...get().checks, [file]: errors } });
  }

  return {
    status: 'closed',
    loadingNames: [],
    expanded: new Set(),
    previews: {},
    pickles: {},
    drafts: {},
    checks: {},

    async open(dropped) {
      const next = newClient();
      const before = get();
      set({ status: 'loading', loadingNames: dropped.map((f) => f.name) });
      try {
        const summary = await next.call('open', { files: dropped.map((file) => ({ name: file.name, file })) });
        // A lone object array is a pickle first: the document view reads it with its whole safety report.
        if (summary.files.length === 1 && summary.pickles.length === 1) {
          next.terminate();
          set({ status: before.status, loadingNames: [] });
          return { kind: 'not-weights' };
        }
        client?.terminate();
        client = next;
        files = new Map(dropped.map((f) => [f.name, f]));
        checkSeq.clear();
        const tree = sortTree(tensorTree(summary.tensors));
        set({
          status: 'ready',
          loadingNames: [],
          title: titleOf(
            dropped.map((f) => f.name),
            summary,
          ),
          summary,
          tree,
          expanded: initialExpanded(tree),
          selected: undefined,
          previews: {},
          pickles: {},
          drafts: {},
          checks: {},
          error: undefined,
        });
        void loadPickles(next, summary.pickles);
        return { kind: 'opened' };
      } catch (e) {
        next.terminate();
        set({ status: before.status, loadingNames: [] });
        return { kind: 'failed', error: toErrorInfo(e, 'weights') };
      }
    },

    toggle(path) {
      const expanded = new Set(get().expanded);
      if (expanded.has(path)) expanded.delete(path);
      else expanded.add(path);
      set({ expanded });
    },

    expandAll(open) {
      const tree = get().tree;
      set({ expanded: open && tree ? allBranches(tree, new Set()) : new Set() });
    },

    select(file, tensor) {
      set({ selected: { file, tensor } });
    },

    async preview(file, tensor) {
      const c = client;
      if (!c) return;
      const key = previewKey(file, tensor);
      set({ previews: { ...get().previews, [key]: { status: 'loading' } } });
      try {
        const preview = await c.call('preview', { file, tensor });
        if (client === c) set({ previews: { ...get().previews, [key]: { status: 'done', preview } } });
      } catch (e) {
        if (client === c) set({ previews: { ...get().previews, [key]: { status: 'error', error: toErrorInfo(e, 'preview') } } });
      }
    },

    setDraft(file, draft) {
      set({ drafts: { ...get().drafts, [file]: draft } });
      void check(file, draft);
    },

    async exportFile(file) {
      const c = client;
      const original = files.get(file);
      const entry = get().summary?.files.find((f) => f.name === file);
      if (!c || !original || !entry) return undefined;
      try {
        const changes = draftChanges(entry.metadata ?? [], get().drafts[file] ?? EMPTY_DRAFT).map((x) => x.change);
        const plan = await c.call('exportPlan', { file, changes });
        // New header bytes, then slices of the original File: the Blob refers to the file, it does not copy it.
        const blob = new Blob(
          plan.parts.map((p) => (p instanceof Uint8Array ? (p as BlobPart) : original.slice(p.start, p.end))),
          { type: 'application/octet-stream' },
        );
        const exported = { file, name: plan.name.slice(plan.name.lastIndexOf('/') + 1), size: blob.size, blob };
        if (client === c) set({ error: undefined });
        return exported;
      } catch (e) {
        if (client === c) set({ error: toErrorInfo(e, 'export') });
        return undefined;
      }
    },

    close() {
      client?.terminate();
      client = undefined;
      files = new Map();
      set({
        status: 'closed',
        loadingNames: [],
        title: undefined,
        summary: undefined,
        tree: undefined,
        expanded: new Set(),
        selected: undefined,
        previews: {},
        pickles: {},
        drafts: {},
        checks: {},
        error: undefined,
      });
    },

    dismissError() {
      set({ error: undefined });
    },
  };
});
