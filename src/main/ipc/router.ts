import { isSignetError } from '../../core/common/errors';
import { CHANNELS, LIMITS, type ChannelName, type IpcResult } from '../../shared/contract';
import { isTrustedSender } from '../security';
import type { Handlers } from './handlers';
import { plainIssue, type IssueLike } from './plain-issue';

export interface IpcSender {
  /** URL of the frame that sent the message. */
  url: string;
  /** Whether that frame is the window's top frame. */
  isTopFrame: boolean;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export interface IpcRouter {
  handle(channel: string, payload: unknown, sender: IpcSender): Promise<IpcResult<unknown>>;
}

const fail = (code: string, message: string, field?: string): IpcResult<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

function payloadSize(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic or otherwise unserializable: refuse
  }
}

/**
 * The single gate every IPC message goes through: trusted sender, known channel, bounded and valid payload,
 * then the handler. Whatever happens, the answer is an envelope; raw errors never cross, and logs carry the
 * channel and error code only — never a payload (it may hold a secret).
 */
export function createIpcRouter(options: {
  handlers: Handlers;
  allowedOrigins: readonly string[];
  log: Log;
}): IpcRouter {
  const { handlers, allowedOrigins, log } = options;
  return {
    async handle(channel, payload, sender) {
      if (!isTrustedSender(sender, allowedOrigins)) {
        log.warn(`ipc: refused ${String(channel).slice(0, 40)} from an untrusted frame`);
        return fail('FORBIDDEN_SENDER', 'This request did not come from the Signet window.');
      }
      if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(CHANNELS, channel)) {
        return fail('UNKNOWN_CHANNEL', 'Unknown operation.');
      }
      const name = channel as ChannelName;
      if (payloadSize(payload) > LIMITS.payloadBytes) {
        return fail('INVALID_INPUT', `The request is larger than ${LIMITS.payloadBytes / 1_048_576} MiB.`);
      }
      const parsed = CHANNELS[name].request.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue && issue.path.length > 0 ? String(issue.path[0]) : undefined;
        return fail('INVALID_INPUT', plainIssue(issue as IssueLike | undefined, payload), field);
      }
      try {
        const handler = handlers[name] as (request: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data) };
      } catch (e) {
        if (isSignetError(e)) return fail(e.code, e.message, e.field);
        log.warn(`ipc: ${name} failed with an unexpected ${e instanceof Error ? e.name : typeof e}`);
        return fail('INTERNAL', 'Signet hit an unexpected problem with this operation. Nothing was changed.');
      }
    },
  };
}
