import type { IpcMain } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { IpcRouter } from './router';

/** Wires every contract channel to the router; the sender frame is what the router checks. */
export function registerIpc(ipcMain: IpcMain, router: IpcRouter): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      return router.handle(channel, payload, {
        url: frame?.url ?? '',
        isTopFrame: frame !== null && frame.parent === null,
      });
    });
  }
}
