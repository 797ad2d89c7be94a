/**
 * The worker's side of "Compare…": the other program is decoded and kept here, beside the open
 * document, so comparing 50,000 demos a side and taking one across never crosses to the page.
 */
import { FormatError } from '../core/engine/errors';
import { comparePrograms, type CompareSide } from '../core/program/compare/compare';
import { loadSide } from '../core/program/compare/load-side';
import type { Comparison } from '../core/program/compare/types';
import { analyzeProgram } from '../core/program/formats/analyze';
import type { Program } from '../core/program/model/program';
import type { CompareSource, Progress } from './protocol';
import { readFileInChunks } from './read-file';
import { applyWithInverse } from '../core/program/model/patch';

export interface CurrentDocument {
  value: unknown;
  program: Program;
  name: string;
}

const SCALE = 1000;

export class CompareHost {
  private other: CompareSide | undefined;

  constructor(
    private readonly current: () => CurrentDocument,
    /** A history version of the open document: the original with `ops` applied. */
    private readonly version: (ops: CompareSource & { kind: 'version' }) => unknown,
  ) {}

  async compareWith(source: CompareSource | undefined, onProgress: (p: Progress) => void): Promise<Comparison> {
    if (source) this.other = await this.load(source, onProgress);
    if (!this.other) throw new FormatError({ code: 'invalid', layer: 'compare', message: 'Nothing to compare with: pick a file first.' });
    const doc = this.current();
    const mine: CompareSide = { value: doc.value, program: doc.program, label: doc.name };
    return comparePrograms(mine, this.other, { onProgress: (p) => onProgress({ stage: p.stage, done: Math.round(p.fraction * SCALE), total: SCALE }) });
  }

  /** The other side, for the document to take instructions or a demo from. */
  side(): CompareSide {
    if (!this.other) throw new FormatError({ code: 'invalid', layer: 'compare', message: 'The comparison was closed.' });
    return this.other;
  }

  close(): void {
    this.other = undefined;
  }

  private async load(source: CompareSource, onProgress: (p: Progress) => void): Promise<CompareSide> {
    if (source.kind === 'version') {
      const value = this.version(source);
      return { value, program: analyzeProgram(value), label: source.label };
    }
    if (source.kind === 'stored') {
      const side = await loadSide(new Uint8Array(source.bytes), source.name, { onProgress });
      if (source.ops.length === 0) return side;
      const value = applyWithInverse(side.value, source.ops).value;
      return { ...side, value, program: analyzeProgram(value, { name: source.name }) };
    }
    if (source.kind === 'bytes') return loadSide(new Uint8Array(source.bytes), source.name, { onProgress });
    const bytes = await readFileInChunks(source.file, (done, total) => onProgress({ stage: 'read', done, total }));
    return loadSide(bytes, source.file.name, { onProgress });
  }
}
