/**
 * What a document worker does, without the worker plumbing, so Node tests can drive it directly.
 */
import { FormatError } from '../core/errors';
import { decodeBytes, type DecodedDocument } from '../core/pipeline/decode';
import { getAtPointer } from '../core/json-pointer';
import type { DocumentSummary, OpenSource, Params, Progress, Result } from './protocol';
import { readFileInChunks } from './read-file';

export class DocumentHost {
  private doc: DecodedDocument | undefined;

  async open(
    { source }: Params<'open'>,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Result<'open'>> {
    const started = performance.now();
    const { bytes, name } = await this.bytesOf(source, onProgress, signal);
    const doc = await decodeBytes(bytes, { name, signal, onProgress });
    this.doc = doc;
    const summary: DocumentSummary = {
      name,
      recipe: doc.recipe,
      syntax: doc.syntax,
      inputBytes: doc.inputBytes,
      decodedBytes: doc.decodedBytes,
      warnings: doc.warnings,
      openMs: Math.round(performance.now() - started),
    };
    return summary;
  }

  text({ pointer, maxChars }: Params<'text'>): Result<'text'> {
    const doc = this.requireDocument();
    const value = getAtPointer(doc.value, pointer);
    // The untouched whole document is shown as the file wrote it; anything else is pretty-printed.
    const text = pointer === '' && doc.text !== undefined ? doc.text : JSON.stringify(value, jsonReplacer, 2);
    if (text.length > maxChars) return { tooLarge: text.length };
    return { text };
  }

  private async bytesOf(source: OpenSource, onProgress: (p: Progress) => void, signal?: AbortSignal) {
    if (source.kind === 'bytes') return { bytes: new Uint8Array(source.bytes), name: source.name };
    const bytes = await readFileInChunks(source.file, (done, total) => onProgress({ stage: 'read', done, total }), signal);
    return { bytes, name: source.file.name };
  }

  private requireDocument(): DecodedDocument {
    if (!this.doc) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No document is open in this worker.' });
    return this.doc;
  }
}

/** Big integers from MessagePack or pickles have no JSON form; show them as their digits. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
