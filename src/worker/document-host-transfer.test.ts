/**
 * Large results move to the page instead of being copied: an export's bytes always, the original's
 * bytes for the history once nothing in the worker reads them any more (a gzip file's export and a
 * pickle's views still do, so those are copied).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SMALL_PROGRAM_TEXT } from '../test-support/small-program';
import { DocumentHost } from './document-host';
import { transfersOf } from './kit/transfer';

async function opened(bytes: Uint8Array, name: string): Promise<DocumentHost> {
  const host = new DocumentHost();
  await host.open({ source: { kind: 'bytes', bytes: bytes.slice().buffer, name } }, () => undefined);
  return host;
}

describe('what the document worker moves to the page', () => {
  it('moves an export and the original of a JSON file', async () => {
    const host = await opened(new TextEncoder().encode(SMALL_PROGRAM_TEXT), 'program.json');
    const exported = await host.export({ options: {} });
    expect(transfersOf(exported)).toEqual([exported.bytes.buffer]);
    const original = await host.original({});
    expect(original.bytes?.byteLength).toBe(SMALL_PROGRAM_TEXT.length);
    expect(transfersOf(original)).toEqual([original.bytes!.buffer]);
    // Handed over once: the worker keeps no second copy.
    expect((await host.original({})).bytes).toBeUndefined();
  });

  it('copies the original of a gzip file, whose untouched export hands those very bytes back', async () => {
    const gz = new Uint8Array(gzipSync(SMALL_PROGRAM_TEXT));
    const host = await opened(gz, 'program.json.gz');
    const original = await host.original({});
    expect(original.bytes).toEqual(gz);
    expect(transfersOf(original)).toEqual([]);
    expect((await host.export({ options: {} })).bytes).toEqual(gz);
  });
});
