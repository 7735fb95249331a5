import type { ChannelName, PageArgumentOf, ResponseOf } from '../shared/contract';

/** A failed operation as main reported it: a code for the UI to branch on and a sentence to show. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/**
 * Calls one channel through window.signet (built by the preload from the contract) and unwraps the
 * `{ok, data} | {ok, error}` envelope, so features deal in data or a readable ApiError.
 */
export async function call<C extends ChannelName>(channel: C, request: PageArgumentOf<C>): Promise<ResponseOf<C>> {
  const [area, verb] = channel.split(':') as [string, string];
  const api = window.signet as unknown as Record<string, Record<string, (req: unknown) => Promise<unknown>>>;
  const fn = api[area]?.[verb];
  if (!fn) throw new ApiError('UNAVAILABLE', `Signet's ${channel} operation is not available in this window.`);
  const result = (await fn(request)) as
    { ok: true; data: ResponseOf<C> } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.data;
}

export function messageOf(e: unknown): string {
  return e instanceof ApiError
    ? e.message
    : 'Something went wrong in Signet. Try again; if it persists, restart the app.';
}
