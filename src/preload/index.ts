import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('signet', {});
