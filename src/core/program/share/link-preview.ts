/**
 * What a link will open, said before anything is decoded: for `#p=` the file name, the size of the
 * payload once unpacked (share-link.ts caps it) and the format its first bytes name (the layers'
 * own sniffers, nothing parsed); for `?url=` the address and its host (nothing is fetched yet).
 * A link opens only after the user has seen this and clicked.
 */
import { defaultRegistry } from '../../engine/layers/registry';
import { decodeShareLink } from './share-link';
import { fileNameFromUrl, parseFetchUrl } from './fetch-url';

export interface SharePreview {
  kind: 'share';
  payload: string;
  moduleId?: string;
  name: string;
  /** Bytes of the file the link carries (the link's payload unpacked). */
  size: number;
  /** The outermost format its bytes announce ("gzip", "JSON"), or undefined when no sniffer claims them. */
  format?: string;
  bytes: Uint8Array;
}

export interface UrlPreview {
  kind: 'url';
  url: string;
  host: string;
  /** The file name the address suggests. */
  name: string;
}

export type LinkPreview = SharePreview | UrlPreview;

const FORMAT_LABELS: Record<string, string> = {
  gzip: 'gzip-compressed',
  zlib: 'zlib-compressed',
  'deflate-raw': 'raw deflate',
  json: 'JSON',
  yaml: 'YAML',
  msgpack: 'MessagePack',
  pickle: 'Python pickle or PyTorch file',
  'aes-gcm': 'AES-256-GCM encrypted',
  psenc: 'passphrase-encrypted container',
};

/** The format the outermost bytes announce, by the same sniffers the decoder ranks layers with. */
export function sniffFormat(bytes: Uint8Array, name?: string): string | undefined {
  const top = defaultRegistry.rank(bytes, name !== undefined ? { name } : undefined)[0];
  return top ? (FORMAT_LABELS[top.layer.id] ?? top.layer.id) : undefined;
}

/** Throws the share link's typed error when the payload is cut or changed. */
export function previewShareLink(payload: string, moduleId?: string): SharePreview {
  const shared = decodeShareLink(payload);
  const format = sniffFormat(shared.bytes, shared.name);
  return {
    kind: 'share',
    payload,
    ...(moduleId ? { moduleId } : {}),
    name: shared.name,
    size: shared.bytes.length,
    ...(format ? { format } : {}),
    bytes: shared.bytes,
  };
}

/** Throws a typed 'url' error for an address that is not http(s). */
export function previewUrl(text: string): UrlPreview {
  const url = parseFetchUrl(text);
  return { kind: 'url', url: url.href, host: url.host, name: fileNameFromUrl(url) };
}
