/** Token counts: the total, and a bar of the prompt's parts (system, each demo, the request) with the costliest demos listed. */
import type { TokenCounts } from '../../core/program/prompt/token-count';

export function TokenBar({ counts, onDemo }: { counts: TokenCounts; onDemo(demoIndex: number): void }) {
  const total = Math.max(1, counts.total);
  const demoTokens = counts.demos.reduce((a, d) => a + d.tokens, 0);
  const system = counts.perMessage[0] ?? 0;
  const request = counts.total - system - demoTokens;
  const pct = (n: number) => `${((100 * n) / total).toFixed(n / total < 0.1 ? 1 : 0)}%`;
  const costly = [...counts.demos].sort((a, b) => b.tokens - a.tokens).slice(0, 5);
  return (
    <div className="token-bar-wrap">
      <div className="token-bar" role="img" aria-label={`System ${pct(system)}, demos ${pct(demoTokens)}, request ${pct(request)} of ${counts.total} tokens`}>
        <span className="seg seg-system" style={{ flexGrow: system }} title={`System: ${system} tokens (${pct(system)})`} />
        {counts.demos.map((d, i) => (
          <span
            key={d.demoIndex}
            className={`seg seg-demo${i % 2 ? ' alt' : ''}`}
            style={{ flexGrow: d.tokens }}
            title={`Demo ${d.demoIndex + 1}: ${d.tokens} tokens (${pct(d.tokens)})`}
          />
        ))}
        <span className="seg seg-request" style={{ flexGrow: Math.max(0, request) }} title={`Request: ${request} tokens (${pct(request)})`} />
      </div>
      <p className="muted token-legend">
        System {system.toLocaleString('en-US')} · demos {demoTokens.toLocaleString('en-US')} ({pct(demoTokens)}) · request {request.toLocaleString('en-US')}
        {counts.imageMessages > 0 ? ` · ${counts.imageMessages} message${counts.imageMessages > 1 ? 's' : ''} with images (not counted)` : ''}
      </p>
      {costly.length > 0 && (
        <ol className="costly-demos" aria-label="Costliest demos">
          {costly.map((d) => (
            <li key={d.demoIndex}>
              <button type="button" className="link-button" onClick={() => onDemo(d.demoIndex)}>
                Demo {d.demoIndex + 1}
              </button>{' '}
              <span className="muted">
                {d.tokens.toLocaleString('en-US')} tokens, {pct(d.tokens)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
