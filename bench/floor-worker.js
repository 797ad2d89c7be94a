// The floor (a): the least a browser must do to turn a .json.gz into a value. Nothing else.
self.onmessage = async (e) => {
  const { id, blob } = e.data;
  try {
    const t0 = performance.now();
    const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const chunks = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    chunks.length = 0;
    const t1 = performance.now();
    const text = new TextDecoder().decode(bytes);
    const t2 = performance.now();
    const value = JSON.parse(text);
    const t3 = performance.now();
    self.postMessage({ id, ok: typeof value === 'object', rawBytes: length, gunzipMs: t1 - t0, decodeMs: t2 - t1, parseMs: t3 - t2, workerMs: t3 - t0 });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err) });
  }
};
