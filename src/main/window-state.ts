/**
 * The main window remembers its size, position and maximized state across restarts. The decision is pure
 * (saved state + the displays of now → the bounds to open with); reading and writing the small JSON file in
 * userData is kept apart, and never throws: a missing, corrupt or unwritable file only means defaults.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WINDOW_DEFAULT_SIZE, WINDOW_MIN_SIZE } from '../core/common/product';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}

/** What is saved: the window's normal (not maximized) bounds, and whether it was maximized. */
export interface WindowState extends Rect {
  maximized: boolean;
}

/** What the window opens with: no x/y means "centred by the OS" (a first start). */
export interface OpenBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

// Far beyond any real desktop, so a garbage number is refused rather than clamped into a huge window.
const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const extent = z.number().int().min(1).max(1_000_000);
const schema = z.object({ x: coordinate, y: coordinate, width: extent, height: extent, maximized: z.boolean() });

/** The saved state, or null when there is none or it is not one (wrong JSON, wrong types, absurd numbers). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * The bounds to open the window with. `workAreas` are the current displays' work areas, the primary one
 * first. The saved window goes on the display it overlaps most (the primary one, centred, when it overlaps
 * none: that display is gone), no larger than that display's work area and no smaller than `min`, moved
 * just enough to lie inside it. Without a saved state (or without displays to check it against) the window
 * opens at the default size, fitted to the primary work area, and the OS centres it.
 */
export function restoreBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: Size = WINDOW_DEFAULT_SIZE,
  min: Size = WINDOW_MIN_SIZE,
): OpenBounds {
  const primary = workAreas[0];
  const fit = (size: Size, area: Rect): Size => ({
    width: Math.max(min.width, Math.min(size.width, area.width)),
    height: Math.max(min.height, Math.min(size.height, area.height)),
  });
  if (!primary) return { ...defaults, maximized: saved?.maximized ?? false };
  if (!saved) return { ...fit(defaults, primary), maximized: false };
  let area = primary;
  let best = 0;
  for (const a of workAreas) {
    const o = overlap(saved, a);
    if (o > best) [area, best] = [a, o];
  }
  const { width, height } = fit(saved, area);
  const place = (pos: number, size: number, start: number, span: number) =>
    // A window larger than the work area (the minimum size on a tiny display) starts at its edge.
    size >= span ? start : clamp(pos, start, start + span - size);
  const [x, y] =
    best === 0
      ? [
          area.x + Math.max(0, Math.floor((area.width - width) / 2)),
          area.y + Math.max(0, Math.floor((area.height - height) / 2)),
        ]
      : [place(saved.x, width, area.x, area.width), place(saved.y, height, area.y, area.height)];
  return { x, y, width, height, maximized: saved.maximized };
}

/** The saved state in `dir`, or null (no file, unreadable, or not a state). */
export function readWindowState(dir: string): WindowState | null {
  let text: string;
  try {
    text = readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    return null;
  }
  return parseWindowState(text);
}

/** Writes the state (to a temporary file renamed over the old one, so a crash never leaves half a file). */
export function writeWindowState(dir: string, state: WindowState): boolean {
  const path = join(dir, WINDOW_STATE_FILE);
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    renameSync(temp, path);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
    return false;
  }
}

/** What the saver needs of a window: Electron's BrowserWindow has all of it. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state after it has been still for `delayMs` following a move or resize (or maximize),
 * and at once on close. Nothing is written when the state is the same as last time.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (t: unknown) => void },
  delayMs: number,
): void {
  let timer: unknown = null;
  let last = '';
  const now = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const b = win.getNormalBounds();
    const state: WindowState = {
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.round(b.width),
      height: Math.round(b.height),
      maximized: win.isMaximized(),
    };
    const json = JSON.stringify(state);
    if (json === last) return;
    last = json;
    save(state);
  };
  const later = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(now, delayMs);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', now);
}
