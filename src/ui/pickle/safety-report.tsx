/**
 * One pickle's safety report, shown before its content: the verdict, the globals it imports with
 * their grades and reasons, and the calls loading it in Python would make, with their arguments as
 * data. Every string here came from the file and is rendered as text.
 */
import type { ReactNode } from 'react';
import type { PickleSafety } from '../../worker/protocol';

const VERDICT: Record<PickleSafety['verdict'], { title: string; detail: string }> = {
  dangerous: { title: 'Loading this pickle in Python would run code', detail: 'It imports functions that run commands, evaluate code or reach the system.' },
  unknown: {
    title: 'Not known to be safe: loading it in Python may run code',
    detail: 'It names classes or functions this app does not know, or holds something this app cannot follow; Python would import and call them.',
  },
  safe: { title: 'Plain data: only known data types', detail: 'Every global it names is a known data type (dicts, tensors, arrays…).' },
};

const GRADE_LABEL: Record<PickleSafety['verdict'], string> = { dangerous: 'dangerous', unknown: 'unknown', safe: 'safe' };
const SHOWN_CALLS = 50;

export function SafetyReport({ safety, fileName, source, children }: { safety: PickleSafety; fileName: string; source?: string; children?: ReactNode }) {
  const verdict = VERDICT[safety.verdict];
  const flagged = safety.calls.filter((c) => c.grade !== 'safe');
  const order: Record<string, number> = { dangerous: 0, unknown: 1, safe: 2 };
  const globals = [...safety.globals].sort((a, b) => (order[a.grade] ?? 3) - (order[b.grade] ?? 3));
  return (
    <section
      className={`pickle-report verdict-${safety.verdict}`}
      aria-label={`Safety report for ${fileName}`}
      data-verdict={safety.verdict}
      role={safety.verdict === 'dangerous' ? 'alert' : 'region'}
    >
      <details open={safety.verdict !== 'safe'}>
        <summary>
          <span className={`pickle-verdict ${safety.verdict}`}>{GRADE_LABEL[safety.verdict]}</span>
          <strong className="pickle-report-title">{verdict.title}</strong>
          <span className="mono pickle-file">{fileName}</span>
          {source && <span className="muted">{source}</span>}
        </summary>
        <div className="pickle-report-body">
          <p className="pickle-nothing-run">
            {verdict.detail} Nothing in this file was run: Program Studio reads pickles as data and never calls what they name.
          </p>
          {safety.members && safety.members.length > 0 && (
            <div className="pickle-block">
              <h3>Pickles in this file ({safety.members.length.toLocaleString('en-US')}), each graded</h3>
              <ol className="pickle-members" aria-label="Pickles in this file">
                {safety.members.map((m, i) => (
                  <li key={`${m.name}-${i}`} className={`grade-${m.verdict}`} data-verdict={m.verdict}>
                    <span className={`pickle-grade ${m.verdict}`}>{GRADE_LABEL[m.verdict]}</span> <span className="mono">{m.name}</span>
                    {!m.loaded && <span className="muted"> · not what the loader reads first; graded all the same</span>}
                    {m.error && <span className="muted"> · read stopped: {m.error.message}</span>}
                  </li>
                ))}
              </ol>
            </div>
          )}
          {flagged.length > 0 && (
            <div className="pickle-block">
              <h3>Calls loading it would make ({flagged.length.toLocaleString('en-US')})</h3>
              <ol className="pickle-calls" aria-label="Calls on load">
                {flagged.slice(0, SHOWN_CALLS).map((c, i) => (
                  <li key={`${c.offset}-${i}`} className={`grade-${c.grade}`}>
                    <code className="pickle-call-text">{c.text}</code>
                    <span className="muted pickle-call-where">
                      {c.opcode} at byte {c.offset.toLocaleString('en-US')}
                      {c.member && (
                        <>
                          {' '}
                          in <span className="mono pickle-member">{c.member}</span>
                        </>
                      )}{' '}
                      · {c.reason}
                    </span>
                  </li>
                ))}
              </ol>
              {flagged.length > SHOWN_CALLS && <p className="muted">…and {(flagged.length - SHOWN_CALLS).toLocaleString('en-US')} more calls.</p>}
            </div>
          )}
          {globals.length > 0 && (
            <div className="pickle-block">
              <h3>Globals it imports ({globals.length.toLocaleString('en-US')})</h3>
              <table className="pickle-globals" aria-label="Globals">
                <tbody>
                  {globals.map((g) => (
                    <tr key={`${g.module}.${g.name}\n${g.member ?? ''}`} className={`grade-${g.grade}`}>
                      <td>
                        <span className={`pickle-grade ${g.grade}`}>{GRADE_LABEL[g.grade]}</span>
                      </td>
                      <td className="mono pickle-global-name">
                        {g.module}.{g.name}
                      </td>
                      <td className="muted">
                        {g.reason}
                        {g.member && <span className="pickle-member"> (in {g.member})</span>}
                      </td>
                      <td className="muted pickle-count">{g.count > 1 ? `×${g.count.toLocaleString('en-US')}` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {safety.safeCalls.length > 0 && (
            <p className="muted pickle-safe-calls">
              Known data constructors: <span className="mono">{safety.safeCalls.map((c) => `${c.target} ×${c.count.toLocaleString('en-US')}`).join(', ')}</span>
            </p>
          )}
          {safety.signals.length > 0 && (
            <ul className="pickle-signals" aria-label="Signals">
              {safety.signals.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
          {safety.error && (
            <p className="pickle-read-error">
              The read stopped early ({safety.error.layer}): {safety.error.message}. The report shows what was seen until then.
            </p>
          )}
          <p className="muted pickle-stats">
            {safety.stats.protocol !== null ? `protocol ${safety.stats.protocol} · ` : ''}
            {safety.stats.opcodes.toLocaleString('en-US')} opcodes · stack up to {safety.stats.maxStack.toLocaleString('en-US')} · memo{' '}
            {safety.stats.memoPuts.toLocaleString('en-US')} stored, {safety.stats.memoGets.toLocaleString('en-US')} read
            {safety.stats.persistentIds ? ` · ${safety.stats.persistentIds.toLocaleString('en-US')} storage references` : ''}
            {safety.stats.buffers ? ` · ${safety.stats.buffers.toLocaleString('en-US')} out-of-band buffers` : ''}
          </p>
        </div>
      </details>
      {/* Said whether or not the details are open: e.g. that a DSPy program came from a pickle. */}
      {children && <div className="pickle-report-extra">{children}</div>}
    </section>
  );
}
