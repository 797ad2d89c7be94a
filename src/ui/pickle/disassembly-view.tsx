/**
 * The pickle's opcodes like `pickletools.dis`: byte offset, opcode, argument, indented by MARK
 * depth. The worker answers a page at a time; "Load more" asks for the next from its nextOffset.
 */
import { useState } from 'react';
import type { Result } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import { isStale, useWorkerAsk, useWorkerQuery } from '../../state/session/use-worker-query';

const PAGE = 500;

type Page = Result<'disassembly'>;

export function DisassemblyView() {
  const ask = useWorkerAsk();
  const first = useWorkerQuery('disassembly', { offset: 0, limit: PAGE });
  const start = first.status === 'ready' ? first.data : undefined;
  // Pages loaded on demand belong to the first page they follow: a new document starts over.
  const [more, setMore] = useState<{ after: Page; pages: Page[]; error?: string }>();
  const [loading, setLoading] = useState(false);
  const later = more && more.after === start ? more : undefined;
  const pages = start ? [start, ...(later?.pages ?? [])] : [];
  const error = first.status === 'error' ? first.error.message : later?.error;

  const load = (offset: number) => {
    if (!start) return;
    setLoading(true);
    ask('disassembly', { offset, limit: PAGE })
      .then((page) => setMore((m) => ({ after: start, pages: [...(m?.after === start ? m.pages : []), page] })))
      .catch((e: unknown) => {
        if (!isStale(e)) setMore((m) => ({ after: start, pages: m?.after === start ? m.pages : [], error: e instanceof Error ? e.message : String(e) }));
      })
      .finally(() => setLoading(false));
  };

  const last = pages.at(-1);
  const rows = pages.flatMap((p) => p.rows);
  const stopped = pages.find((p) => p.error)?.error;
  return (
    <div className="pickle-panel disassembly-panel" aria-label="Disassembly">
      <div className="pickle-panel-bar">
        <span>
          <strong>{rows.length.toLocaleString('en-US')}</strong> opcodes shown{last ? ` · pickle stream of ${formatBytes(last.streamBytes)}` : ''}
        </span>
        <span className="muted">As Python's pickletools.dis prints them; nothing is executed.</span>
      </div>
      <div className="pickle-scroll">
        {last === undefined && !error && <div className="placeholder muted">Loading…</div>}
        {error && <div className="placeholder">{error}</div>}
        {rows.length > 0 && (
          <table className="dis-table">
            <thead>
              <tr>
                <th className="num">Offset</th>
                <th>Opcode</th>
                <th>Argument</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.offset} className={r.name === 'STOP' ? 'dis-stop' : undefined}>
                  <td className="num mono muted">{r.offset.toLocaleString('en-US')}</td>
                  <td className="mono dis-op" style={{ paddingLeft: `${8 + Math.min(r.depth, 20) * 12}px` }}>
                    {r.name}
                  </td>
                  <td className="mono dis-arg">{r.arg}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {stopped && <p className="pickle-read-error">Stopped: {stopped.message}</p>}
        {last && last.nextOffset !== null && (
          <button type="button" className="button small pickle-more" disabled={loading} onClick={() => load(last.nextOffset!)}>
            {rows.at(-1)?.name === 'STOP' ? 'Go on past STOP (another pickle follows)' : `Load ${PAGE} more`}
          </button>
        )}
      </div>
    </div>
  );
}
