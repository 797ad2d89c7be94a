import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import { FormatError } from '../core/engine/errors';
import { zipInflateCount } from '../core/engine/torch/zip-directory';
import { readRepoFile } from '../test-support/real-fixtures';

/** A torch-style zip whose data.pkl is deflated (torch stores it; other writers compress). */
function deflatedTorchZip(): Uint8Array {
  const pickle = readRepoFile('fixtures/pickle/dspy-state.pkl');
  return zipSync({ 'archive/data.pkl': [pickle, { level: 6 }], 'archive/version': [new TextEncoder().encode('3\n'), { level: 0 }] });
}

function buffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe('a torch zip is inflated once', () => {
  it('open, disassembly and the tensor table share one inflated data.pkl', async () => {
    const host = new DocumentHost();
    const before = zipInflateCount.value;
    await host.open({ source: { kind: 'bytes', bytes: buffer(deflatedTorchZip()), name: 'm.pt' } }, () => undefined);
    expect(host.disassembly({ offset: 0, limit: 10 }).rows.length).toBe(10);
    host.tensors({ offset: 0, limit: 10 });
    expect(zipInflateCount.value - before).toBe(1);
  });

  it('a data.pkl declaring 2 GiB in a small file is refused before anything is allocated', async () => {
    const zip = deflatedTorchZip();
    // Patch the central directory's uncompressed size of the first entry to 2 GiB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let cd = zip.length - 22;
    cd = view.getUint32(cd + 16, true);
    view.setUint32(cd + 24, 2 ** 31, true);
    const host = new DocumentHost();
    const before = zipInflateCount.value;
    let error: unknown;
    try {
      await host.open({ source: { kind: 'bytes', bytes: buffer(zip), name: 'm.pt' } }, () => undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code: 'limit', layer: 'zip', offset: 0 });
    expect(zipInflateCount.value).toBe(before);
  });
});
