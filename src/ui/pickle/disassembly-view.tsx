/**
 * The pickle's opcodes like `pickletools.dis`: byte offset, opcode, argument, indented by MARK
 * depth. The worker answers a page at a time; "Load more" asks for the next from its nextOffset.
 */
import { useEffect, useState } from 'react';
import type { DocumentSummary, Result } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import { useWorkerAsk } from '../../state/session/use-worker-query';

const PAGE = 500;

type Page = Result<'disassembly'>;

export function DisassemblyView({ summary }: { summary: DocumentSummary }) {
  const ask = useWorkerAsk();
  const [pages, setPages] = useState<Page[]>([]);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = (offset: number) => {
    setLoading(true);
    ask('disassembly', { offset, limit: PAGE })
      .then((page) => setPages((p) => [...p, page]))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
  };

  useEffect(() => {
    let live = true;
    ask('disassembly', { offset: 0, limit: PAGE })
      .then((page) => live && setPages([page]))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [ask, summary]);

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
