/**
 * The ordered set of layers the pipeline may try. Layers registered later (an encryption layer,
 * a pickle reader) join the same ranking; the file name only breaks ties between equal scores.
 */
import type { Layer, LayerKind, SniffHint } from './layer.ts';
import type { CompressionId, Recipe, SyntaxId } from './recipe.ts';
import { gzipLayer } from './gzip.ts';
import { zlibLayer } from './zlib.ts';
import { deflateRawLayer } from './deflate-raw.ts';
import { jsonLayer } from './json.ts';
import { yamlLayer } from './yaml.ts';
import { msgpackLayer } from './msgpack.ts';
import { passphraseContainerLayer } from './passphrase-container.ts';
import { aesGcmRawLayer } from './aes-gcm.ts';
import { pickleLayer } from './pickle.ts';

export interface Candidate {
  layer: Layer;
  confidence: number;
}

export class LayerRegistry {
  private readonly layers = new Map<string, Layer>();

  constructor(layers: readonly Layer[] = []) {
    for (const l of layers) this.register(l);
  }

  /** Adds a layer, or replaces the one with the same id. */
  register(layer: Layer): void {
    this.layers.set(layer.id, layer);
  }

  unregister(id: string): boolean {
    return this.layers.delete(id);
  }

  get(id: string): Layer | undefined {
    return this.layers.get(id);
  }

  list(): Layer[] {
    return [...this.layers.values()];
  }

  /** The layers of one kind, in registration order; `writable` leaves out read-only ones (pickle). */
  ofKind(kind: LayerKind, writable = false): Layer[] {
    return this.list().filter((l) => l.kind === kind && (!writable || l.writes !== false));
  }

  /** '.json.gz', '.msgpack', '.yaml.zz' ...: the suffix a file made by this recipe should wear (each layer's first). */
  extensionFor(recipe: Recipe): string {
    let ext = '';
    for (let i = recipe.length - 1; i >= 0; i--) {
      const id = recipe[i]!.layer;
      ext += this.get(id)?.extensions[0] ?? '.' + id;
    }
    return ext;
  }

  /** Reads target layers from a file name's suffixes: "out.yaml.gz" → yaml inside gzip. */
  specFromFileName(name: string): { syntax?: SyntaxId; compression?: CompressionId } {
    let rest = name.toLowerCase();
    const spec: { syntax?: SyntaxId; compression?: CompressionId } = {};
    const suffixOf = (l: Layer) => l.extensions.find((e) => rest.endsWith(e));
    const compression = this.ofKind('compression', true).find((l) => suffixOf(l) !== undefined);
    if (compression) {
      spec.compression = compression.id as CompressionId;
      rest = rest.slice(0, -suffixOf(compression)!.length);
    }
    const syntax = this.ofKind('syntax', true).find((l) => suffixOf(l) !== undefined);
    if (syntax) spec.syntax = syntax.id;
    if (spec.syntax && !spec.compression) spec.compression = 'none';
    return spec;
  }

  /** Layers that claim the bytes, most confident first; a sniffer that throws counts as 0. */
  rank(bytes: Uint8Array, hint?: SniffHint): Candidate[] {
    const name = hint?.name?.toLowerCase();
    const out: (Candidate & { order: number; named: boolean })[] = [];
    let order = 0;
    for (const layer of this.layers.values()) {
      let confidence: number;
      try {
        confidence = layer.sniff(bytes, hint);
      } catch {
        confidence = 0;
      }
      if (confidence > 0) {
        const named = name !== undefined && layer.extensions.some((e) => name.endsWith(e));
        out.push({ layer, confidence: Math.min(1, confidence), order: order, named });
      }
      order++;
    }
    out.sort((a, b) => b.confidence - a.confidence || Number(b.named) - Number(a.named) || a.order - b.order);
    return out.map(({ layer, confidence }) => ({ layer, confidence }));
  }
}

export const BUILTIN_LAYERS: readonly Layer[] = [
  // The container first: it has a magic; the raw layout is recognised by entropy only.
  passphraseContainerLayer,
  aesGcmRawLayer,
  gzipLayer,
  zlibLayer,
  jsonLayer,
  msgpackLayer,
  pickleLayer,
  yamlLayer,
  deflateRawLayer,
];

/** The registry the app, the worker and the CLI use. */
export const defaultRegistry = new LayerRegistry(BUILTIN_LAYERS);

/** The suffix a file made by `recipe` should wear, from the built-in layers' own suffixes. */
export function fileExtensionFor(recipe: Recipe): string {
  return defaultRegistry.extensionFor(recipe);
}

/** Target syntax and compression read from a file name's suffixes, by the built-in layers' own suffixes. */
export function specFromFileName(name: string): { syntax?: SyntaxId; compression?: CompressionId } {
  return defaultRegistry.specFromFileName(name);
}

/** Is `id` an encryption layer of the built-in registry ('psenc', 'aes-gcm')? */
export function isEncryptionLayer(id: string): boolean {
  return defaultRegistry.get(id)?.kind === 'encryption';
}
