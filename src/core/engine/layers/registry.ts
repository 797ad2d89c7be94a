/**
 * The ordered set of layers the pipeline may try. Layers registered later (an encryption layer,
 * a pickle reader) join the same ranking; the file name only breaks ties between equal scores.
 */
import type { Layer, SniffHint } from './layer.ts';
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
