// The MessagePack floor: the least a browser must do to turn a .msgpack file into a value, with
// msgpackr (plain MessagePack: no records). Bundled by bench/run.mjs into bench/out/ with esbuild.
import { Unpackr } from 'msgpackr';

const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

self.onmessage = async (e) => {
  const { id, blob } = e.data;
  try {
    const t0 = performance.now();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const t1 = performance.now();
    const value = unpackr.unpack(bytes);
    const t2 = performance.now();
    self.postMessage({ id, ok: typeof value === 'object', rawBytes: bytes.length, readMs: t1 - t0, unpackMs: t2 - t1, workerMs: t2 - t0 });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err) });
  }
};
