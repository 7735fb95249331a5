import type { BatchCounts } from '../core/node/batch';

/** main → worker: whole lines as UTF-8 bytes (transferred, not copied) or as text. */
export interface WorkerTask {
  seq: number;
  firstLine: number;
  data: Uint8Array | string;
}

/**
 * worker → main: the chunk's output, already serialized and UTF-8 encoded, so no per-record object
 * crosses threads and main's heap never holds the output as strings (a transferred buffer is freed as
 * soon as it is written).
 */
export interface WorkerReply {
  seq: number;
  jsonl: Uint8Array;
  counts: BatchCounts;
  lines: number;
}
