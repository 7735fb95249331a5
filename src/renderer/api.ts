import type { ChannelName, IpcResult, PageArgumentOf, ResponseOf } from '../shared/contract';

/**
 * A failed operation as main reported it: a code for the UI to branch on, a sentence to show and, when the
 * sentence is about one request field (e.g. "baseUrl"), that field's name so a form can show it there.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

/** What a store keeps of a failure: plain data, so a screen decides where to show it. */
export interface ErrorData {
  code: string;
  message: string;
  /** The request field the message is about, or null when it is about the request as a whole. */
  field: string | null;
}

/**
 * Calls one channel through window.signet (built by the preload from the contract) and unwraps the
 * `{ok, data} | {ok, error}` envelope, so features deal in data or a readable ApiError. The only way the
 * renderer talks to main.
 */
export async function call<C extends ChannelName>(channel: C, request: PageArgumentOf<C>): Promise<ResponseOf<C>> {
  const [area, verb] = channel.split(':') as [string, string];
  const api = window.signet as unknown as Record<string, Record<string, (req: unknown) => Promise<unknown>>>;
  const fn = api[area]?.[verb];
  if (!fn) throw new ApiError('UNAVAILABLE', `Signet's ${channel} operation is not available in this window.`);
  const result = (await fn(request)) as IpcResult<ResponseOf<C>>;
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.field ?? null);
  return result.data;
}

/** Any failure as data: an ApiError as main worded it, anything else (a bug) as one generic sentence. */
export function errorOf(e: unknown): ErrorData {
  return e instanceof ApiError
    ? { code: e.code, message: e.message, field: e.field }
    : {
        code: 'UNEXPECTED',
        message: 'Something went wrong in Signet. Try again; if it persists, restart the app.',
        field: null,
      };
}

export const messageOf = (e: unknown): string => errorOf(e).message;
