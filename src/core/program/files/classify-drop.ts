/**
 * Several files dropped or picked together: decide what they are to each other, by name and size
 * only (their bytes are read later, in the worker). One program, with its checksum sidecar or key
 * file beside it; a DSPy whole-program folder (metadata.json + program.pkl) or an MLflow model
 * folder (MLmodel + data/model.pkl); or a checkpoint
 * series (BASE.vN[.TAG], NAME_epoch_N.ext, NAME-step-N.ext).
 */

export interface DroppedFile {
  name: string;
  size: number;
}

export type DropPlan<F extends DroppedFile> =
  | { kind: 'single'; main: F; sidecar?: F; keyFile?: F; ignored: F[] }
  | { kind: 'whole-program'; main: F; companions: F[]; sidecar?: F; ignored: F[] }
  | { kind: 'series'; members: Array<{ file: F; order: number; tag?: string; base: string }>; ignored: F[] }
  | { kind: 'empty' };

const SIDECAR = /\.(sha256|sha256sum)$/i;
const KEY_FILE = /\.(key|hex)$/i;

interface SeriesName {
  base: string;
  order: number;
  tag?: string;
}

/** `run.v3`, `run.v3.best` (the envelope proposal's checkpoint names), `ckpt_epoch_4.pt`, `model-step-1000.json`. */
export function parseSeriesName(name: string): SeriesName | undefined {
  const versioned = /^(.+)\.v(\d+)(?:\.([A-Za-z0-9_-]+))?$/.exec(name);
  if (versioned) {
    const [, base, n, tag] = versioned;
    return { base: base!, order: Number(n), ...(tag !== undefined ? { tag } : {}) };
  }
  const numbered = /^(.+?)[_-](epoch|step|iter|checkpoint|ckpt)[_-]?(\d+)(\.[A-Za-z0-9.]+)?$/i.exec(name);
  if (numbered) {
    const [, base, unit, n] = numbered;
    return { base: `${base!}_${unit!.toLowerCase()}`, order: Number(n) };
  }
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function classifyDrop<F extends DroppedFile>(files: readonly F[]): DropPlan<F> {
  if (files.length === 0) return { kind: 'empty' };
  const isSidecar = (f: F) => SIDECAR.test(f.name);
  const isKey = (f: F) => KEY_FILE.test(f.name) && f.size <= 256;
  // A sidecar or key dropped alone is opened as what it is, so the user sees what it holds.
  const alone = files.every((f) => isSidecar(f) || isKey(f));
  const sidecars = alone ? [] : files.filter(isSidecar);
  const keys = alone ? [] : files.filter(isKey);
  const data = files.filter((f) => !sidecars.includes(f) && !keys.includes(f));

  const metadata = data.find((f) => baseName(f.name) === 'metadata.json');
  const pickle = data.find((f) => baseName(f.name) === 'program.pkl');
  if (metadata && pickle) {
    const ignored = data.filter((f) => f !== metadata && f !== pickle);
    const sidecar = sidecars.find((s) => baseName(s.name).startsWith('program.pkl'));
    return {
      kind: 'whole-program',
      main: metadata,
      companions: [pickle],
      ...(sidecar ? { sidecar } : {}),
      ignored: [...ignored, ...keys, ...sidecars.filter((s) => s !== sidecar)],
    };
  }

  // An MLflow model folder: MLmodel says how data/model.pkl (a cloudpickle) is loaded.
  const mlmodel = data.find((f) => baseName(f.name) === 'MLmodel');
  const modelPickle = data.find((f) => baseName(f.name) === 'model.pkl');
  if (mlmodel && modelPickle) {
    const ignored = data.filter((f) => f !== mlmodel && f !== modelPickle);
    return { kind: 'whole-program', main: modelPickle, companions: [mlmodel], ignored: [...ignored, ...keys, ...sidecars] };
  }

  if (data.length >= 2) {
    const parsed = data.map((file) => ({ file, name: parseSeriesName(baseName(file.name)) }));
    const groups = new Map<string, Array<{ file: F; order: number; tag?: string; base: string }>>();
    for (const { file, name } of parsed) {
      if (!name) continue;
      const group = groups.get(name.base) ?? [];
      group.push({ file, order: name.order, base: name.base, ...(name.tag !== undefined ? { tag: name.tag } : {}) });
      groups.set(name.base, group);
    }
    const largest = [...groups.values()].sort((a, b) => b.length - a.length)[0];
    if (largest && largest.length >= 2) {
      largest.sort((a, b) => a.order - b.order);
      const inSeries = new Set(largest.map((m) => m.file));
      return { kind: 'series', members: largest, ignored: files.filter((f) => !inSeries.has(f)) };
    }
  }

  const [main, ...rest] = data;
  if (!main) return { kind: 'empty' };
  const sidecar = sidecars.find((s) => baseName(s.name).replace(SIDECAR, '') === baseName(main.name)) ?? (sidecars.length === 1 ? sidecars[0] : undefined);
  const keyFile = keys[0];
  const ignored = [...rest, ...sidecars.filter((s) => s !== sidecar), ...keys.filter((k) => k !== keyFile)];
  return { kind: 'single', main, ...(sidecar ? { sidecar } : {}), ...(keyFile ? { keyFile } : {}), ignored };
}
