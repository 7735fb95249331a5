/** A batch worker thread: verifies chunks of lines with the config it was started with. */
import { Buffer } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchVerifier, type BatchConfig } from '../core/node/batch';
import type { WorkerReply, WorkerTask } from './protocol';

// One verifier for the worker's life: a worker serves one batch, whose config (CSV columns included)
// is complete before the worker starts, so its secret is prepared once here, not per chunk.
const verifier = createBatchVerifier((workerData as { config: BatchConfig }).config);
const port = parentPort;
if (!port) throw new Error('batch worker: started outside a worker thread');

port.on('message', (task: WorkerTask) => {
  const text =
    typeof task.data === 'string'
      ? task.data
      : Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength).toString('utf8');
  const r = verifier.verifyChunk(text, task.firstLine);
  const reply: WorkerReply = { seq: task.seq, jsonl: r.jsonl, counts: r.counts, lines: r.lines };
  port.postMessage(reply, [reply.jsonl.buffer as ArrayBuffer]);
});
