/** Shannon entropy in bits per byte over at most the first `max` bytes. */
export function byteEntropy(bytes: Uint8Array, max = 1024 * 1024): number {
  const n = Math.min(bytes.length, max);
  if (n === 0) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[bytes[i] as number]! += 1;
  let h = 0;
  for (let b = 0; b < 256; b++) {
    const c = counts[b] as number;
    if (c === 0) continue;
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Random-looking: what ciphertext (or some unknown compression) looks like. */
export function looksEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= 256 && byteEntropy(bytes) > 7.5;
}
