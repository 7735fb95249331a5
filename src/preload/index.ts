/**
 * The only bridge between the page and main: window.signet, generated from the contract's channel list.
 * It uses exactly contextBridge.exposeInMainWorld and ipcRenderer.invoke — nothing else from Electron, no
 * Node module, not even zod (channels.ts is dependency-free) — so it runs sandboxed as one small CommonJS
 * file, and the browser E2E harness can stand in for those two functions.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApiObject } from '../shared/channels';
import type { SignetApi } from '../shared/contract';

const api: SignetApi = buildApiObject((channel, request) => ipcRenderer.invoke(channel, request)) as unknown as SignetApi;
contextBridge.exposeInMainWorld('signet', api);
