import { errorOf, type ErrorData } from '../api';

/** What a live result leaves in its store: the latest answer, or why there is none. */
export interface LiveOutcome<R> {
  result: R | null;
  error: ErrorData | null;
}

/** A live screen's state: its form and the outcome of the latest request made from it. */
export type LiveSlot<F, R> = { form: F } & LiveOutcome<R>;

/**
 * The one way a screen keeps a result live as its form changes. Returns `schedule`: call it after every form
 * change. The request runs at once (on the next microtask, so several changes made together ask once); while
 * one is in flight, further changes are coalesced into a single follow-up run when it settles, which reads
 * the form as it is then. So the result follows typing without a fixed delay, and at most one request is
 * ever in flight. `request` returns null when the form is not complete enough to ask, which clears the
 * outcome. Only the latest run may commit: an answer to a form that has changed since is not committed (the
 * follow-up run's answer is), and a failure is committed as data (see errorOf).
 */
export function live<R>(request: () => Promise<R> | null, commit: (outcome: LiveOutcome<R>) => void): () => void {
  /** Bumped by every change: an answer commits only if no change came after the run that asked for it. */
  let version = 0;
  let running = false;
  let queued = false;
  const run = async () => {
    queued = false;
    running = true;
    const asked = version;
    try {
      const pending = request();
      const result = pending === null ? null : await pending;
      if (asked === version) commit({ result, error: null });
    } catch (e) {
      if (asked === version) commit({ result: null, error: errorOf(e) });
    } finally {
      running = false;
      if (queued) void run();
    }
  };
  return () => {
    version++;
    if (queued) return;
    queued = true;
    if (!running) queueMicrotask(() => void (queued && !running && run()));
  };
}

/**
 * Where a screen shows its live error: at the input of the request field the error names, when the form is
 * showing that input right now, otherwise in the result panel as before. `shown` lists those fields by their
 * request names (a `cond && 'field'` entry for an input shown only sometimes). So a message is shown exactly
 * once, and never lost to a field the form does not have.
 */
export function placeError<F extends string>(
  error: ErrorData | null,
  shown: readonly (F | false)[],
): { panel: string | null; onField: boolean; at: (...fields: F[]) => string | undefined } {
  const field = error?.field ?? null;
  const onField = field !== null && (shown as readonly (string | false)[]).includes(field);
  return {
    panel: onField ? null : (error?.message ?? null),
    /** The error is shown at an input (the result panel says to correct it, without repeating it). */
    onField,
    at: (...fields) => (onField && (fields as readonly (string | null)[]).includes(field) ? error?.message : undefined),
  };
}
