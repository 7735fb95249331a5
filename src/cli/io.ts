import { SignetError } from '../core/common/errors';
import type { BatchStreams } from '../batch/node-io';

/** What the CLI needs from its process, injectable so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => string;
  readStdin: () => string;
  /** Whether stderr is a terminal (progress bars only go to terminals). */
  stderrIsTTY: boolean;
  /** Streams for `verify-batch`; when absent, the process's own (see src/batch/node-io.ts). */
  batch?: BatchStreams;
}

/** Exit codes: 0 ok/valid, 1 invalid signature or URL, 2 usage or input error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A problem with the command line or the process's I/O: exit 2 with its message. */
export class UsageError extends SignetError {}
