/** Node stand-ins for Electron's parts, used by main's tests and the browser E2E harness. */
import type { Clipboard } from '../main/ipc/handlers';

export function memoryClipboard(): Clipboard & { text: string } {
  const c = {
    text: '',
    writeText: (t: string) => void (c.text = t),
    readText: () => c.text,
    clear: () => void (c.text = ''),
  };
  return c;
}
