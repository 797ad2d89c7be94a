/**
 * The export dialog, for the whole program or one module: target, syntax, JSON style, compression and
 * level, a file name that follows the choices, the secrets warning with redaction on by default, and
 * after export the SHA-256 with Copy and an optional `.sha256` sidecar. The worker builds the file
 * and reads it back before the page sees it; this only renders and dispatches.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../core/engine/errors';
import { toErrorInfo } from '../../core/engine/errors';
import type { ExportCompression, ExportJsonStyle, ExportOptions, ExportResult, ExportSyntax, ExportTarget } from '../../core/program/export/export-options';
import { exportFileName, moduleFileBaseName } from '../../core/program/export/export-file-name';
import type { ModuleFileShape } from '../../core/program/export/module-file';
import { recipeFor } from '../../core/engine/layers/recipe';
import { defaultRegistry } from '../../core/engine/layers/registry';
import { useSaveHandle, useExportStore } from '../../state/export-store';
import { formatBytes } from '../format-bytes';
import { canPickSaveFile, download, saveWithPicker, writeToHandle } from './save-file';
import { ExportEncryptionSection, encryptionRequest, encryptionStep, initialEncryption } from '../crypto/export-encryption';
import { SecretsChoice } from './secrets-choice';
import './export.css';
import { useSession } from '../../state/session/session-store';

// The choices are the layers the registry can write, each with its label and the suffix it wears.
const SYNTAXES = defaultRegistry.ofKind('syntax', true).map((l) => ({ id: l.id as ExportSyntax, label: l.label }));
const COMPRESSIONS = [
  { id: 'none' as ExportCompression, label: 'None' },
  ...defaultRegistry.ofKind('compression', true).map((l) => ({ id: l.id as ExportCompression, label: `${l.label} (${l.extensions[0] ?? ''})` })),
];

export function ExportDialog({ moduleId }: { moduleId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const summary = useSession((s) => s.summary);
  const program = useSession((s) => s.program);
  const documentEncryption = useSession((s) => s.encryption);
  const close = useExportStore((s) => s.close);
  const handle = useSaveHandle();
  const setHandle = useExportStore((s) => s.setHandle);
  const exportDocument = useExportStore((s) => s.exportDocument);
  const exportModule = useExportStore((s) => s.exportModule);

  const recipe = summary?.recipe ?? [];
  const ownSyntax = SYNTAXES.find((s) => s.id === summary?.syntax)?.id ?? 'json';
  const ownCompression = COMPRESSIONS.find((c) => recipe.some((s) => s.layer === c.id))?.id ?? 'none';
  const [target, setTarget] = useState<ExportTarget>('same');
  const [syntax, setSyntax] = useState<ExportSyntax>(ownSyntax);
  const [jsonStyle, setJsonStyle] = useState<ExportJsonStyle>('file');
  const [compression, setCompression] = useState<ExportCompression>(ownCompression);
  const [level, setLevel] = useState<string>('default');
  const [redact, setRedact] = useState(true);
  const [shape, setShape] = useState<ModuleFileShape | 'default'>('default');
  const [nameEdited, setNameEdited] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult>();
  const [error, setError] = useState<ErrorInfo>();
  const [status, setStatus] = useState<string>();
  const [encryption, setEncryption] = useState(() => initialEncryption(documentEncryption));
  const sealing = encryptionRequest(encryption, documentEncryption);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // Both lists come from the registered kinds, through the program's analysis (the kinds live in the worker).
  const exportTargets = program?.offers.exportTargets ?? [];
  const shapes = program?.offers.moduleFileShapes ?? [];
  const secrets = moduleId === undefined ? (program?.secrets ?? []) : (program?.secrets ?? []).filter((s) => s.moduleId === moduleId);
  const autoName = useMemo(() => {
    const layers = [...encryptionStep(encryption), ...recipeFor({ syntax, compression })];
    return moduleId !== undefined
      ? exportFileName(moduleFileBaseName(moduleId) + '.json', layers)
      : exportFileName(summary?.name, layers, target === 'same' ? summary?.recipe : undefined);
  }, [syntax, compression, moduleId, summary?.name, summary?.recipe, encryption, target]);
  const fileName = nameEdited ?? autoName;
  const levelInvalid = (compression === 'deflate-raw' && level === '0') || sealing.problem !== undefined;

  const options = (): ExportOptions => {
    const o: ExportOptions = { syntax, compression, jsonStyle, redactSecrets: redact, fileName };
    if (moduleId === undefined) o.target = target;
    if (level !== 'default' && compression !== 'none') o.level = Number(level);
    return o;
  };

  const run = async (deliver: (r: ExportResult) => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      const r =
        moduleId !== undefined
          ? await exportModule(moduleId, options(), shape === 'default' ? undefined : shape, sealing.request)
          : await exportDocument(options(), sealing.request);
      setResult(r);
      setStatus(await deliver(r));
    } catch (e) {
      setResult(undefined);
      setError(toErrorInfo(e, 'export'));
    } finally {
      setBusy(false);
    }
  };

  const onDownload = () =>
    run(async (r) => {
      download(r.bytes, r.fileName);
      return `Downloaded ${r.fileName}.`;
    });
  const onSaveAs = () =>
    run(async (r) => {
      const h = await saveWithPicker(r.bytes, r.fileName);
      if (!h) return 'Save cancelled.';
      if (moduleId === undefined) setHandle(h);
      return `Saved ${h.name}.`;
    });
  const onSaveInPlace = () =>
    run(async (r) => {
      if (!handle) return undefined;
      await writeToHandle(handle, r.bytes);
      return `Saved over ${handle.name}.`;
    });

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('SHA-256 copied.');
    } catch {
      setStatus('The clipboard refused; select the digest and copy it by hand.');
    }
  };

  const title = moduleId !== undefined ? `Export module ${moduleId}` : 'Export program';
  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby="export-title" onClose={close} data-testid="export-dialog">
      <div className="export-head">
        <h2 id="export-title">{title}</h2>
        <button type="button" className="button ghost small" onClick={() => ref.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="export-grid">
        {moduleId === undefined ? (
          <label>
            <span>Target</span>
            <select className="select" value={target} onChange={(e) => setTarget(e.currentTarget.value as ExportTarget)}>
              <option value="same" title={program?.formatLabel}>
                Same as opened
              </option>
              {exportTargets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            <span>Module file</span>
            <select className="select" value={shape} onChange={(e) => setShape(e.currentTarget.value as ModuleFileShape | 'default')}>
              {shapes.map((s, i) => (
                // The first shape is the default, which the worker picks for the program's kind.
                <option key={s.id} value={i === 0 ? 'default' : s.id} title={s.title?.replace('<module>', moduleId)}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>Syntax</span>
          <select className="select" value={syntax} onChange={(e) => setSyntax(e.currentTarget.value as ExportSyntax)}>
            {SYNTAXES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>JSON style</span>
          <select className="select" value={jsonStyle} disabled={syntax !== 'json'} onChange={(e) => setJsonStyle(e.currentTarget.value as ExportJsonStyle)}>
            <option value="file">As the file was written</option>
            <option value="pretty">Pretty (2 spaces)</option>
            <option value="compact">Compact (one line)</option>
          </select>
        </label>
        <label>
          <span>Compression</span>
          <select className="select" value={compression} onChange={(e) => setCompression(e.currentTarget.value as ExportCompression)}>
            {COMPRESSIONS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Level</span>
          <select className="select" value={level} disabled={compression === 'none'} onChange={(e) => setLevel(e.currentTarget.value)}>
            <option value="default">Default (6)</option>
            {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
              <option key={n} value={String(n)} disabled={n === 0 && compression === 'deflate-raw'}>
                {n === 0 ? '0 (stored)' : n === 9 ? '9 (smallest)' : String(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="export-name">
          <span>File name</span>
          <input className="text-input mono" value={fileName} onChange={(e) => setNameEdited(e.currentTarget.value)} aria-label="File name" />
        </label>
      </div>
      <ExportEncryptionSection choice={encryption} facts={documentEncryption} compression={compression} onChange={setEncryption} />
      {nameEdited !== undefined && nameEdited !== autoName && (
        <button type="button" className="button ghost small" onClick={() => setNameEdited(undefined)}>
          Use {autoName}
        </button>
      )}
      <SecretsChoice
        secrets={secrets}
        subject={moduleId !== undefined ? 'This module' : 'This program'}
        target="the exported file"
        redact={redact}
        onChange={setRedact}
      />
      {compression === 'deflate-raw' && level === '0' && (
        <p className="export-error">Raw deflate at level 0 cannot be recognised when opened again; pick another level.</p>
      )}
      {error && (
        <p className="export-error" role="alert">
          Export failed [{error.layer}]: {error.message}
        </p>
      )}
      <div className="export-actions">
        {handle && moduleId === undefined && (
          <button type="button" className="button" disabled={busy || levelInvalid} onClick={() => void onSaveInPlace()} title={`Write over ${handle.name}`}>
            Save to {handle.name}
          </button>
        )}
        {canPickSaveFile() && (
          <button type="button" className="button" disabled={busy || levelInvalid} onClick={() => void onSaveAs()}>
            Save as…
          </button>
        )}
        <button type="button" className="button primary" disabled={busy || levelInvalid} onClick={() => void onDownload()}>
          {busy ? 'Exporting…' : 'Download'}
        </button>
      </div>
      {result && (
        <div className="export-result" data-testid="export-result">
          <div className="export-result-line">
            <span>
              {result.fileName} · {formatBytes(result.size)}
              {result.identical ? ' · byte-identical to the file as opened' : ''}
              {result.redacted > 0 ? ` · ${result.redacted} secret${result.redacted > 1 ? 's' : ''} redacted` : ''}
            </span>
          </div>
          <label className="export-sha">
            <span>SHA-256</span>
            <input className="text-input mono" readOnly value={result.sha256} data-testid="export-sha256" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button small" onClick={() => void copy(result.sha256)}>
              Copy
            </button>
            <button type="button" className="button small" onClick={() => download(result.sidecar, `${result.fileName}.sha256`)}>
              Download .sha256
            </button>
          </label>
          {result.warnings.map((w) => (
            <p key={w} className="export-warning">
              {w}
            </p>
          ))}
        </div>
      )}
      <p className="export-status" role="status">
        {status}
      </p>
    </dialog>
  );
}
