/**
 * One file for one document's history: the original bytes (base64) and every entry, as JSON, so it
 * can be kept, sent and imported again. Values JSON has no form for (big integers from MessagePack
 * or pickles, byte strings) are tagged. Import checks the bytes against their SHA-256 and every
 * entry's shape, so a damaged or hand-edited file is refused with the reason, never half-imported.
 */
import { fromBase64, toBase64 } from '../../engine/crypto/encoding';
import { sha256Hex } from '../../engine/checksum/sha256';
import { FormatError } from '../../engine/errors';
import type { DocumentRecord, EntryKind, HistoryEntry } from './history-types';

export const HISTORY_FILE_FORMAT = 'program-studio-history';
export const HISTORY_FILE_VERSION = 1;

export interface HistoryBundle {
  document: DocumentRecord;
  /** Absent when the original was dropped to free space. */
  original?: Uint8Array;
  entries: HistoryEntry[];
}

const TAG = '$program-studio';
const KINDS: readonly EntryKind[] = ['open', 'edit', 'undo', 'redo', 'restore', 'migration', 'import', 'export'];

function fail(message: string): never {
  throw new FormatError({ code: 'invalid', layer: 'history-file', message });
}

export function serializeHistory(bundle: HistoryBundle, exportedAt = Date.now()): string {
  const file = {
    format: HISTORY_FILE_FORMAT,
    version: HISTORY_FILE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    document: bundle.document,
    original: bundle.original ? toBase64(bundle.original) : null,
    entries: bundle.entries,
  };
  return JSON.stringify(file, (_k, v: unknown) => {
    if (typeof v === 'bigint') return { [TAG]: 'bigint', value: v.toString() };
    if (v instanceof Uint8Array) return { [TAG]: 'bytes', value: toBase64(v) };
    return v;
  });
}

function revive(_k: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const tag = o[TAG];
  if (typeof tag !== 'string' || typeof o.value !== 'string' || Object.keys(o).length !== 2) return v;
  if (tag === 'bigint' && /^-?\d+$/.test(o.value)) return BigInt(o.value);
  if (tag === 'bytes') return fromBase64(o.value) ?? fail('A tagged byte string is not valid base64.');
  return v;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkEntry(e: unknown, i: number, docId: string): HistoryEntry {
  const where = `Entry ${i + 1}`;
  if (!isObj(e)) fail(`${where} is not an object.`);
  if (typeof e.id !== 'string' || e.id === '' || e.id.length > 200) fail(`${where} has no valid id.`);
  if (e.docId !== docId) fail(`${where} belongs to another document.`);
  if (e.parent !== null && typeof e.parent !== 'string') fail(`${where} has no valid parent.`);
  if (typeof e.time !== 'number' || !Number.isFinite(e.time)) fail(`${where} has no valid time.`);
  if (typeof e.kind !== 'string' || !KINDS.includes(e.kind as EntryKind)) fail(`${where} has an unknown kind.`);
  if (typeof e.label !== 'string') fail(`${where} has no label.`);
  if (!Array.isArray(e.ops) || !e.ops.every((op) => isObj(op) && typeof op.op === 'string' && typeof op.path === 'string'))
    fail(`${where} has invalid operations.`);
  if (typeof e.tab !== 'string') fail(`${where} has no tab id.`);
  if (e.name !== undefined && typeof e.name !== 'string') fail(`${where} has an invalid name.`);
  return e as unknown as HistoryEntry;
}

/** Parses and checks a history file; the original must hash to the document's id. */
export async function parseHistory(text: string): Promise<HistoryBundle> {
  let raw: unknown;
  try {
    raw = JSON.parse(text, revive);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    fail('The file is not JSON.');
  }
  if (!isObj(raw) || raw.format !== HISTORY_FILE_FORMAT) fail('This is not a Program Studio history file.');
  if (raw.version !== HISTORY_FILE_VERSION) fail(`History file version ${String(raw.version)} is not supported (expected ${HISTORY_FILE_VERSION}).`);
  const d = raw.document;
  if (!isObj(d) || typeof d.id !== 'string' || !/^[0-9a-f]{64}$/.test(d.id)) fail('The file has no valid document id (SHA-256).');
  if (typeof d.name !== 'string' || typeof d.size !== 'number' || !Array.isArray(d.recipe)) fail('The document record is incomplete.');
  if (!Array.isArray(raw.entries)) fail('The file has no entries.');
  const entries = raw.entries.map((e, i) => checkEntry(e, i, d.id as string));
  let original: Uint8Array | undefined;
  if (raw.original !== null && raw.original !== undefined) {
    if (typeof raw.original !== 'string') fail('The original bytes are not base64 text.');
    original = fromBase64(raw.original) ?? fail('The original bytes are not valid base64.');
    if ((await sha256Hex(original)) !== d.id) fail('The original bytes do not match their SHA-256: the file was changed or damaged.');
  }
  const now = Date.now();
  const document: DocumentRecord = {
    id: d.id,
    name: d.name,
    size: d.size,
    recipe: d.recipe as DocumentRecord['recipe'],
    firstOpened: typeof d.firstOpened === 'number' ? d.firstOpened : now,
    lastOpened: typeof d.lastOpened === 'number' ? d.lastOpened : now,
    hasOriginal: original !== undefined,
    ...(typeof d.secrets === 'number' ? { secrets: d.secrets } : {}),
    ...(typeof d.redacted === 'number' ? { redacted: d.redacted } : {}),
    ...(Array.isArray(d.secretKeys) && d.secretKeys.every((k) => typeof k === 'string') ? { secretKeys: d.secretKeys as string[] } : {}),
  };
  return { document, ...(original ? { original } : {}), entries };
}

/** A file name for the exported history. */
export function historyFileName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|]+/g, '_')}.history.json`;
}
