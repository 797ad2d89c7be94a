/**
 * The thread an input runs in: it drives one input at a time and writes the stage it is in to
 * shared memory, so the watchdog on the other side can name the stage of an input that never ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { drive, STAGES, type Outcome } from './drive';
import type { OpenCredentials } from '../worker/protocol';

export interface WorkerRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  credentials?: OpenCredentials;
}

export interface WorkerReply {
  id: number;
  outcome: Outcome;
}

const port = parentPort;
if (!port) throw new Error('fuzz-worker runs in a worker thread');
const shared = new Int32Array(workerData.stage as SharedArrayBuffer);

port.on('message', async (request: WorkerRequest) => {
  const outcome = await drive(request, (stage) => Atomics.store(shared, 0, STAGES.indexOf(stage))).catch((e: unknown): Outcome => ({
    kind: 'finding',
    finding: 'exception',
    stage: 'open',
    name: 'HarnessError',
    message: String(e),
    frame: 'unknown',
  }));
  port.postMessage({ id: request.id, outcome } satisfies WorkerReply);
});
port.postMessage({ ready: true });
