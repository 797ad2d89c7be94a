/**
 * The kit over a real MessageChannel: typed calls answered, progress delivered, errors typed,
 * marked buffers moved (not copied) both ways, and terminate failing every call in flight.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FormatError } from '../../core/engine/errors';
import { createClient, type WorkerClient } from './client';
import type { Endpoint, ServeScope } from './endpoint';
import { serve } from './serve';
import { ownBuffer, transfer } from './transfer';

type Methods = {
  echo: [{ text: string }, { text: string }];
  count: [{ to: number }, { done: number }];
  fail: [Record<string, never>, never];
  keep: [{ bytes: ArrayBuffer }, { size: number }];
  give: [{ size: number }, { bytes: Uint8Array }];
  hang: [Record<string, never>, never];
};

let open: WorkerClient<Methods>[] = [];
afterEach(() => {
  for (const c of open) c.terminate();
  open = [];
});

function pair(): { client: WorkerClient<Methods>; received: ArrayBuffer[] } {
  const channel = new MessageChannel();
  const received: ArrayBuffer[] = [];
  serve<Methods>(channel.port2 as unknown as ServeScope, {
    echo: ({ text }) => ({ text }),
    count: ({ to }, onProgress) => {
      for (let i = 1; i <= to; i++) onProgress({ stage: 'count', done: i, total: to });
      return { done: to };
    },
    fail: () => {
      throw new FormatError({ code: 'invalid', layer: 'test', message: 'no', offset: 3 });
    },
    keep: ({ bytes }) => {
      received.push(bytes);
      return { size: bytes.byteLength };
    },
    give: ({ size }) => {
      const bytes = new Uint8Array(size).fill(7);
      received.push(bytes.buffer);
      return transfer({ bytes }, [ownBuffer(bytes)]);
    },
    hang: () => new Promise<never>(() => undefined),
  });
  const port = channel.port1 as unknown as Endpoint;
  const client = createClient<Methods>(port, 'test');
  open.push(client);
  return { client, received };
}

describe('worker kit', () => {
  it('answers typed calls and delivers progress before the result', async () => {
    const { client } = pair();
    expect(await client.call('echo', { text: 'hi' })).toEqual({ text: 'hi' });
    const seen: number[] = [];
    const result = await client.call('count', { to: 3 }, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3]);
    expect(result).toEqual({ done: 3 });
  });

  it('rejects with the typed error the host threw', async () => {
    const { client } = pair();
    const error = await client.call('fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code: 'invalid', layer: 'test', message: 'no', offset: 3 });
  });

  it('moves buffers to the worker and back instead of copying them', async () => {
    const { client, received } = pair();
    const bytes = new ArrayBuffer(1024);
    expect(await client.call('keep', { bytes }, { transfer: [bytes] })).toEqual({ size: 1024 });
    expect(bytes.byteLength).toBe(0); // detached on the page: moved
    const { bytes: back } = await client.call('give', { size: 2048 });
    expect(back.byteLength).toBe(2048);
    expect(back[0]).toBe(7);
    expect(received[1]?.byteLength).toBe(0); // detached in the worker: moved
  });

  it('terminate rejects every call in flight as cancelled, and later calls too', async () => {
    const { client } = pair();
    const pending = client.call('hang', {});
    client.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('answers an unknown method with an error instead of leaving the page waiting', async () => {
    const { client } = pair();
    const loose = client as unknown as WorkerClient<{ nope: [object, object] }>;
    await expect(loose.call('nope', {})).rejects.toMatchObject({ message: expect.stringContaining('Unknown worker method') });
  });
});
