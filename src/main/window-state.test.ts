import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WINDOW_DEFAULT_SIZE, WINDOW_MIN_SIZE } from '../core/common/product';
import {
  parseWindowState,
  readWindowState,
  restoreBounds,
  trackWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const FULL_HD: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
const RIGHT_4K: Rect = { x: 1920, y: 0, width: 3840, height: 2160 };
const state = (s: Partial<WindowState> = {}): WindowState => ({
  x: 100,
  y: 120,
  width: 1000,
  height: 700,
  maximized: false,
  ...s,
});

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    expect(parseWindowState(JSON.stringify(state({ maximized: true })))).toEqual(state({ maximized: true }));
  });
  it.each([
    ['no file', null],
    ['empty', ''],
    ['garbage', '{not json'],
    ['an array', '[1,2,3,4]'],
    ['a missing field', JSON.stringify({ x: 1, y: 2, width: 3 })],
    ['a string number', JSON.stringify({ ...state(), width: '1000' })],
    ['a fraction', JSON.stringify({ ...state(), x: 1.5 })],
    ['a zero size', JSON.stringify({ ...state(), height: 0 })],
    ['an absurd position', JSON.stringify({ ...state(), x: 1e12 })],
    ['maximized not a boolean', JSON.stringify({ ...state(), maximized: 'yes' })],
  ])('refuses %s', (_name, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('restoreBounds', () => {
  it('opens at the default size, centred by the OS, without a saved state', () => {
    expect(restoreBounds(null, [FULL_HD])).toEqual({ ...WINDOW_DEFAULT_SIZE, maximized: false });
  });

  it('fits the default size to a small primary display, never below the minimum', () => {
    expect(restoreBounds(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    });
    expect(restoreBounds(null, [{ x: 0, y: 0, width: 800, height: 500 }])).toEqual({
      ...WINDOW_MIN_SIZE,
      maximized: false,
    });
  });

  it('restores a saved window that is on a display as it was, maximized included', () => {
    expect(restoreBounds(state(), [FULL_HD])).toEqual(state());
    expect(restoreBounds(state({ maximized: true }), [FULL_HD])).toEqual(state({ maximized: true }));
  });

  it('keeps a window on the secondary display it was on', () => {
    const saved = state({ x: 2500, y: 300, width: 1600, height: 1000 });
    expect(restoreBounds(saved, [FULL_HD, RIGHT_4K])).toEqual(saved);
  });

  it('moves a window hanging off the edge just back inside the work area', () => {
    expect(restoreBounds(state({ x: 1500, y: -40 }), [FULL_HD])).toEqual(state({ x: 920, y: 25 }));
    expect(restoreBounds(state({ x: -300, y: 900 }), [FULL_HD])).toEqual(state({ x: 0, y: 380 }));
  });

  it('centres a window whose display is gone on the primary one', () => {
    const saved = state({ x: 2500, y: 300, width: 1600, height: 1000 });
    expect(restoreBounds(saved, [FULL_HD])).toEqual({ ...saved, x: 160, y: 52 });
  });

  it('shrinks a window larger than its display to the work area, and grows one below the minimum', () => {
    expect(restoreBounds(state({ x: 0, y: 0, width: 3000, height: 2000 }), [FULL_HD])).toEqual(
      state({ x: 0, y: 25, width: 1920, height: 1055 }),
    );
    expect(restoreBounds(state({ width: 200, height: 100 }), [FULL_HD])).toEqual(state({ ...WINDOW_MIN_SIZE }));
  });

  it('on a display smaller than the minimum size, starts the window at the work area corner', () => {
    const tiny = { x: 10, y: 20, width: 800, height: 500 };
    expect(restoreBounds(state({ x: 50, y: 60 }), [tiny])).toEqual(state({ x: 10, y: 20, ...WINDOW_MIN_SIZE }));
  });

  it('falls back to the defaults when no display is known', () => {
    expect(restoreBounds(state({ maximized: true }), [])).toEqual({ ...WINDOW_DEFAULT_SIZE, maximized: true });
  });

  it('whatever the saved state and displays, the window lies inside a work area and is at least the minimum', () => {
    const areas = [FULL_HD, RIGHT_4K, { x: -1280, y: 200, width: 1280, height: 1024 }];
    for (let i = 0; i < 500; i++) {
      const r = (n: number) => Math.floor(((Math.sin(i * 97 + n) + 1) / 2) * 8000) - 3000;
      const saved = state({ x: r(1), y: r(2), width: Math.abs(r(3)) + 1, height: Math.abs(r(4)) + 1 });
      const b = restoreBounds(saved, areas);
      expect(b.width).toBeGreaterThanOrEqual(WINDOW_MIN_SIZE.width);
      expect(b.height).toBeGreaterThanOrEqual(WINDOW_MIN_SIZE.height);
      const inside = areas.some(
        (a) => b.x! >= a.x && b.y! >= a.y && b.x! + b.width <= a.x + a.width && b.y! + b.height <= a.y + a.height,
      );
      expect(inside, JSON.stringify({ saved, b })).toBe(true);
    }
  });
});

describe('the state file', () => {
  it('round-trips, and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-window-'));
    expect(readWindowState(dir)).toBeNull();
    expect(writeWindowState(dir, state({ maximized: true }))).toBe(true);
    expect(readWindowState(dir)).toEqual(state({ maximized: true }));
    expect(readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('a corrupt file reads as no state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-window-'));
    writeFileSync(join(dir, WINDOW_STATE_FILE), '\u0000\u0001garbage');
    expect(readWindowState(dir)).toBeNull();
  });

  it('a folder that cannot be written to is reported, not thrown', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'signet-window-')), 'missing', 'deeper');
    expect(writeWindowState(dir, state())).toBe(false);
  });
});

describe('trackWindowState', () => {
  function fakeWindow(bounds: Rect, maximized = false) {
    const w = Object.assign(new EventEmitter(), {
      bounds,
      maximized,
      getNormalBounds: () => w.bounds,
      isMaximized: () => w.maximized,
    });
    return w;
  }
  function fakeTimers() {
    let next = 1;
    const pending = new Map<number, () => void>();
    return {
      setTimeout: (fn: () => void) => {
        pending.set(next, fn);
        return next++;
      },
      clearTimeout: (t: unknown) => void pending.delete(t as number),
      fire: () => {
        const fns = [...pending.values()];
        pending.clear();
        fns.forEach((f) => f());
      },
      pending,
    };
  }

  it('saves once after a burst of moves and resizes, with the last bounds', () => {
    const win = fakeWindow({ x: 0, y: 0, width: 1000, height: 700 });
    const saved: WindowState[] = [];
    const timers = fakeTimers();
    trackWindowState(win, (s) => saved.push(s), timers, 500);
    for (let i = 1; i <= 20; i++) {
      win.bounds = { x: i, y: i * 2, width: 1000 + i, height: 700 };
      win.emit(i % 2 ? 'move' : 'resize');
    }
    expect(saved).toEqual([]);
    expect(timers.pending.size).toBe(1);
    timers.fire();
    expect(saved).toEqual([state({ x: 20, y: 40, width: 1020, height: 700 })]);
  });

  it('saves at once on close (a pending save is not written twice), maximized as it is', () => {
    const win = fakeWindow({ x: 5, y: 6, width: 1100, height: 800 });
    const saved: WindowState[] = [];
    const timers = fakeTimers();
    trackWindowState(win, (s) => saved.push(s), timers, 500);
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(saved).toEqual([{ x: 5, y: 6, width: 1100, height: 800, maximized: true }]);
    expect(timers.pending.size).toBe(0);
    timers.fire();
    win.emit('close');
    expect(saved).toHaveLength(1);
  });

  it('rounds fractional bounds (scaled displays) so the file reads back', () => {
    const win = fakeWindow({ x: 10.4, y: 20.6, width: 1000.5, height: 700.2 });
    const saved: WindowState[] = [];
    trackWindowState(win, (s) => saved.push(s), fakeTimers(), 500);
    win.emit('close');
    expect(parseWindowState(JSON.stringify(saved[0]))).toEqual({
      x: 10,
      y: 21,
      width: 1001,
      height: 700,
      maximized: false,
    });
  });
});
