import { useRef } from 'react';
import type { ModuleInfo } from '../../core/program/model/program';
import { DemoList } from './demo-list';
import { ParamsView } from './params-view';
import { SignatureEditor } from './signature-editor';

/** One scrolling column: header, signature, parameters, then the (virtualized) demos. */
export function ModulePanel({ module }: { module: ModuleInfo }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  return (
    <section className="module-panel" aria-label={`Module ${module.id}`} ref={scrollRef}>
      <header className="module-head">
        <h2 className="mono">{module.id}</h2>
        <span className={`badge kind-${module.kind}`}>{module.kind}</span>
        {module.className && <span className="muted mono">{module.className}</span>}
        <span className="muted">{module.demoCount.toLocaleString('en-US')} demos</span>
      </header>
      {module.warnings && module.warnings.length > 0 && (
        <ul className="module-warnings" aria-label="Before you load this module">
          {module.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="module-sections">
        {module.code && (
          <details open className="section module-code">
            <summary>Python source ({module.code.pointer.split('/').pop()}) · read-only · DSPy runs it on load</summary>
            <pre className="mono" aria-label="Python source, read-only">
              {module.code.text}
            </pre>
          </details>
        )}
        {/* PyTorch modules, dspy.Flex and DSPy modules saved as {} hold no signature in the file. */}
        {((module.kind !== 'module' && module.kind !== 'flex') || module.signature) && (
          <details open className="section">
            <summary>Signature</summary>
            <SignatureEditor module={module} />
          </details>
        )}
        <details open={module.kind === 'module'} className="section">
          <summary>Parameters</summary>
          <ParamsView module={module} />
        </details>
      </div>
      {module.demosPointer !== undefined || module.demoCount > 0 ? <DemoList module={module} scrollRef={scrollRef} /> : null}
    </section>
  );
}
