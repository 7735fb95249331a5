/**
 * The only bridge between the page and main: window.signet, generated from the contract's channel list.
 * It uses exactly contextBridge.exposeInMainWorld, ipcRenderer.invoke and webUtils.getPathForFile —
 * nothing else from Electron, no Node module, not even zod (channels.ts is dependency-free) — so it runs
 * sandboxed as one small CommonJS file, and the browser E2E harness can stand in for those functions.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApiObject } from '../shared/channels';
import type { SignetApi } from '../shared/contract';

/** The path of a File the user dropped (or picked in the page); "" for anything else. */
function droppedPath(file: unknown): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return ''; // not a File at all
  }
}

const api: SignetApi = buildApiObject((channel, request) => ipcRenderer.invoke(channel, request), {
  // Read here, in the isolated preload: the page hands over a File, which only a user's drop (or file
  // input) gives it a path for, and never a path string of its own choosing.
  'batch:useDroppedFile': (file) => ({ path: droppedPath(file) }),
}) as unknown as SignetApi;
contextBridge.exposeInMainWorld('signet', api);
