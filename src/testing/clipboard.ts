/** A clipboard stand-in that also records how each text was written (e.g. marked concealed). */
import { memoryClipboard } from './main-doubles';

export function recordingClipboard() {
  const c = memoryClipboard();
  const writes: { text: string; concealed: boolean }[] = [];
  return Object.assign(c, {
    writes,
    writeText: (t: string, options?: { concealed?: boolean }) => {
      writes.push({ text: t, concealed: options?.concealed === true });
      c.text = t;
    },
  });
}
