/** Small pure formatters shared by the CLI and the UI (no Node or DOM APIs). */

/** "3 min 12 s", "2 h 5 min", "45 s": how long ago / until, for people reading a verdict. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** Shortens a user-supplied value for an error message so a 1 MB paste never floods the screen. */
export function preview(value: string, max = 80): string {
  const oneLine = JSON.stringify(value);
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…" (${value.length} characters)`;
}

/** A file size for people: "820 bytes", "17.6 KB", "176.7 MB", "1.2 GB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
