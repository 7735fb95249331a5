/** Waiting for a main-process batch job through its public status, as the renderer's poll does. */
import type { BatchJobs, BatchJobStatus } from '../main/batch-jobs';

export async function settled(jobs: BatchJobs, id: string, timeoutMs = 30_000): Promise<BatchJobStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = jobs.status(id);
    if (status.state !== 'running') return status;
    if (Date.now() > deadline) throw new Error(`batch job ${id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
