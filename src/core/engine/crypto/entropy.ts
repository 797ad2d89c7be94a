/**
 * Shannon entropy of the byte histogram. A raw-key AES-GCM file has no magic, so when no layer
 * recognises some bytes, "they look random" is the only hint that a key might open them.
 */
export function byteEntropy(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const counts = new Uint32Array(256);
  for (const b of bytes) counts[b]!++;
  let bits = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / bytes.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Bytes looked at; the head of a file is enough to tell random from structured. */
const SAMPLE_BYTES = 64 * 1024;
const MIN_BYTES = 28; // IV + tag: anything shorter cannot be a raw AES-GCM file

/**
 * True when the bytes are as random as ciphertext tends to be. n bytes can show at most log2(n)
 * bits per byte, so short inputs are measured against what their length allows.
 */
export function looksEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < MIN_BYTES) return false;
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const ceiling = Math.min(8, Math.log2(sample.length));
  // Measured over random samples: 4 KiB never falls below 7.9, 256 bytes below 6.95, and short
  // ones below 0.87 of their ceiling. Text stays under ~5.5 and base64 under 6.
  const threshold = sample.length >= 4096 ? 7.5 : sample.length >= 256 ? 6.8 : ceiling * 0.82;
  return byteEntropy(sample) >= threshold;
}
