/**
 * Every channel's handler, from one file per area. Each area can only define channels of its own prefix
 * (AreaHandlers), and the union is checked against the contract's full channel list (Handlers), so every
 * channel has exactly one handler — a missing or extra one is a compile error.
 */
import { HISTORY_KINDS, type HistoryKind } from '../../../shared/contract';
import { appHandlers } from './app';
import { batchHandlers } from './batch';
import { captureHandlers } from './capture';
import { CaptureSession } from '../../../capture/session';
import type { HandlerDeps, Handlers } from './deps';
import { eberHandlers } from './eber';
import { IntentRecorder, recorded } from './history';
import { mmobHandlers } from './mmob';
import { packHandlers } from './pack';
import { profileHandlers } from './profiles';
import { secretsOf } from './secrets';

export type { Clipboard, CopiedSecret, Dialogs, HandlerDeps, Handlers, Shell, Timers } from './deps';

/** Services that live beside the handlers (main stops them on quit); created here when not given. */
export interface HandlerServices {
  capture?: CaptureSession;
  /** Decides when a recorded call becomes a history entry (see IntentRecorder); flush it on quit. */
  intents?: IntentRecorder;
}

export function createHandlers(deps: HandlerDeps, services: HandlerServices = {}): Handlers {
  const secrets = secretsOf(deps.vault);
  const intents = services.intents ?? new IntentRecorder(deps.timers);
  const handlers: Handlers = {
    ...profileHandlers(deps),
    ...mmobHandlers(deps, secrets),
    ...eberHandlers(deps, secrets),
    ...batchHandlers(deps, secrets),
    ...appHandlers(deps, intents),
    ...captureHandlers(deps, secrets, services.capture ?? new CaptureSession()),
    ...packHandlers(deps, secrets),
  };
  const record = <K extends HistoryKind>(kind: K) =>
    Object.assign(handlers, { [kind]: recorded(kind, handlers[kind], deps.vault, secrets, intents) });
  for (const kind of HISTORY_KINDS) record(kind);
  return handlers;
}
