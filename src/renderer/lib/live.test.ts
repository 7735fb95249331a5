import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { live, placeError, type LiveOutcome } from './live';

/** A request whose answer the test hands out when it chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('live', () => {
  const tick = () => new Promise<void>((r) => setTimeout(r, 0));

  it('asks at once, once for changes made together', async () => {
    const request = vi.fn(async () => 'answer');
    const commits: LiveOutcome<string>[] = [];
    const schedule = live(request, (o) => commits.push(o));
    schedule();
    schedule();
    expect(request).not.toHaveBeenCalled();
    await tick();
    expect(request).toHaveBeenCalledTimes(1);
    expect(commits).toEqual([{ result: 'answer', error: null }]);
  });

  it('keeps one request in flight and coalesces the changes made meanwhile into one follow-up', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let asked = 0;
    const commits: LiveOutcome<string>[] = [];
    const schedule = live(
      () => answers[asked++]!.promise,
      (o) => commits.push(o),
    );
    schedule();
    await tick();
    for (let i = 0; i < 10; i++) schedule();
    await tick();
    expect(asked).toBe(1);
    answers[0]!.resolve('old');
    await tick();
    expect(asked).toBe(2);
    answers[1]!.resolve('new');
    await tick();
    // The answer to the old form is never committed: the form changed while it was asked.
    expect(commits).toEqual([{ result: 'new', error: null }]);
  });

  it('drops an answer to a form that has since become incomplete', async () => {
    const pending = deferred<string>();
    let ready = true;
    const commits: LiveOutcome<string>[] = [];
    const schedule = live(
      () => (ready ? pending.promise : null),
      (o) => commits.push(o),
    );
    schedule();
    await tick();
    ready = false;
    schedule();
    pending.resolve('stale');
    await tick();
    await tick();
    expect(commits).toEqual([{ result: null, error: null }]);
  });

  it('commits a failure as data: code, message and field', async () => {
    const commits: LiveOutcome<string>[] = [];
    const fail = (e: unknown) =>
      live<string>(
        () => Promise.reject(e),
        (o) => commits.push(o),
      );
    fail(new ApiError('BASE_URL_NOT_HTTPS', 'The base URL must use https.', 'baseUrl'))();
    fail(new ApiError('INTERNAL', 'Unexpected.'))();
    fail(new TypeError('a bug'))();
    await tick();
    expect(commits).toEqual([
      {
        result: null,
        error: { code: 'BASE_URL_NOT_HTTPS', message: 'The base URL must use https.', field: 'baseUrl' },
      },
      { result: null, error: { code: 'INTERNAL', message: 'Unexpected.', field: null } },
      {
        result: null,
        error: { code: 'UNEXPECTED', message: expect.stringMatching(/^Something went wrong/), field: null },
      },
    ]);
  });
});

describe('placeError', () => {
  const error = { code: 'BASE_URL_NOT_HTTPS', message: 'The base URL must use https.', field: 'baseUrl' };

  it('shows an error at the input of its field, and not in the panel', () => {
    const { panel, at, onField } = placeError(error, ['identifier', 'baseUrl']);
    expect(panel).toBeNull();
    expect(onField).toBe(true);
    expect(at('baseUrl')).toBe(error.message);
    expect(at('identifier')).toBeUndefined();
  });

  it('leaves in the panel an error whose field the form is not showing, or that has no field', () => {
    for (const [e, shown] of [
      [error, ['identifier', false]],
      [{ ...error, field: null }, ['baseUrl']],
    ] as const) {
      const { panel, at, onField } = placeError(e, shown);
      expect(panel).toBe(error.message);
      expect(onField).toBe(false);
      expect(at('baseUrl')).toBeUndefined();
    }
  });

  it('has nothing to show without an error', () => {
    const { panel, at } = placeError(null, ['baseUrl']);
    expect(panel).toBeNull();
    expect(at('baseUrl')).toBeUndefined();
  });
});
