import { errorOf, type ErrorData } from '../api';

/** How long after the last change a live result is asked for: typing does not send a request per keystroke. */
export const LIVE_DELAY_MS = 200;

/** What a live result leaves in its store: the latest answer, or why there is none. */
export interface LiveOutcome<R> {
  result: R | null;
  error: ErrorData | null;
}

/** A live screen's state: its form and the outcome of the latest request made from it. */
export type LiveSlot<F, R> = { form: F } & LiveOutcome<R>;

/**
 * The one way a screen keeps a result live as its form changes. Returns `schedule`: call it after every form
 * change. Once changes pause for `delayMs`, `request` runs; it returns null when the form is not complete
 * enough to ask, which clears the outcome. Only the latest run may commit: a slow answer to an older form
 * is dropped rather than overwriting a newer one, and a failure is committed as data (see errorOf).
 */
export function live<R>(
  request: () => Promise<R> | null,
  commit: (outcome: LiveOutcome<R>) => void,
  delayMs = LIVE_DELAY_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const run = async () => {
    const n = ++latest;
    try {
      const pending = request();
      const result = pending === null ? null : await pending;
      if (n === latest) commit({ result, error: null });
    } catch (e) {
      if (n === latest) commit({ result: null, error: errorOf(e) });
    }
  };
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
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
): { panel: string | null; at: (...fields: F[]) => string | undefined } {
  const field = error?.field ?? null;
  const onField = field !== null && (shown as readonly (string | false)[]).includes(field);
  return {
    panel: onField ? null : (error?.message ?? null),
    at: (...fields) => (onField && (fields as readonly (string | null)[]).includes(field) ? error?.message : undefined),
  };
}
