/**
 * Batched, debounced history writes, off the path of the edit itself: entries wait in memory until
 * the page is idle (or a short timeout), then go to storage in one transaction. A failed batch stays
 * queued, in order, and the failure is reported, never swallowed: after a quota error nothing is
 * retried until the user frees space or asks to retry, and nothing already stored is touched.
 */
import type { HistoryEntry } from '../../core/program/history/history-types';
import type { HistoryBackend, SessionRecord } from './backend';
import { isQuotaError, storageMessage } from './quota-error';

export interface QueueStatus {
  pending: number;
  saving: boolean;
  problem?: { quota: boolean; message: string };
  /** Entries the last successful batch wrote. */
  written?: readonly HistoryEntry[];
}

type Schedule = (run: () => void) => void;

const idle: Schedule = (run) => {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(run, { timeout: 300 });
  else setTimeout(run, 100);
};

export class WriteQueue {
  private entries: HistoryEntry[] = [];
  private sessions = new Map<string, SessionRecord>();
  private scheduled = false;
  private running: Promise<void> | undefined;
  private problem: QueueStatus['problem'];

  constructor(
    private readonly backend: HistoryBackend,
    private readonly onStatus: (s: QueueStatus) => void = () => undefined,
    private readonly schedule: Schedule = idle,
  ) {}

  add(entry: HistoryEntry, session?: SessionRecord): void {
    this.entries.push(entry);
    if (session) this.sessions.set(session.tab, session);
    this.kick();
  }

  /** Entries not stored yet (the store merges them into the timeline it shows). */
  pendingEntries(): readonly HistoryEntry[] {
    return this.entries;
  }

  /** A name given to a version still in the queue goes with it. */
  rename(id: string, name: string | undefined): boolean {
    const e = this.entries.find((x) => x.id === id);
    if (!e) return false;
    if (name) e.name = name;
    else delete e.name;
    return true;
  }

  /** Drops queued entries of a deleted document. */
  forget(docId: string): void {
    this.entries = this.entries.filter((e) => e.docId !== docId);
    for (const [tab, s] of this.sessions) if (s.docId === docId) this.sessions.delete(tab);
    this.report();
  }

  /** After space was freed, or when the user asks. */
  retry(): Promise<void> {
    this.problem = undefined;
    return this.flush();
  }

  /** Writes everything queued now; resolves when storage has it (or the write failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.entries.length === 0 && this.sessions.size === 0) return this.report();
    const entries = this.entries.slice();
    const sessions = [...this.sessions.values()];
    this.running = (async () => {
      this.report(true);
      try {
        await this.backend.write({ entries, sessions });
        // Only what was written leaves the queue; entries added meanwhile stay.
        const written = new Set(entries);
        this.entries = this.entries.filter((e) => !written.has(e));
        for (const s of sessions) if (this.sessions.get(s.tab) === s) this.sessions.delete(s.tab);
        this.problem = undefined;
        this.report(false, entries);
      } catch (e) {
        this.problem = { quota: isQuotaError(e), message: storageMessage(e) };
        this.report(false);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    if (!this.problem && this.entries.length > 0) this.kick();
  }

  private kick(): void {
    this.report();
    if (this.scheduled || this.problem?.quota) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private report(saving = this.running !== undefined, written?: readonly HistoryEntry[]): void {
    this.onStatus({ pending: this.entries.length, saving, ...(this.problem ? { problem: this.problem } : {}), ...(written ? { written } : {}) });
  }
}
