/**
 * The only bridge between the page and main: window.signet, generated from the contract's channel list.
 * It uses exactly contextBridge.exposeInMainWorld and ipcRenderer.invoke — nothing else from Electron, no
 * Node module — so it runs sandboxed, and the browser E2E harness can stand in for those two functions.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildSignetApi } from '../shared/contract';

contextBridge.exposeInMainWorld(
  'signet',
  buildSignetApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
