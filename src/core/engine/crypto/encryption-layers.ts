/** The encryption layers, for the registry to add: the container first, it has a magic. */
import type { Layer } from '../layers/layer.ts';
import type { LayerRegistry } from '../layers/registry.ts';
import { aesGcmRawLayer } from './aes-gcm-layer.ts';
import { passphraseContainerLayer } from './container-layer.ts';

export const ENCRYPTION_LAYERS: readonly Layer[] = [passphraseContainerLayer, aesGcmRawLayer];

export function registerEncryptionLayers(registry: LayerRegistry): void {
  for (const layer of ENCRYPTION_LAYERS) registry.register(layer);
}
