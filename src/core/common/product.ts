/**
 * Product facts, each declared once and imported wherever it is used (main, the renderer, the CLI, the batch):
 * defaults, limits and lists that would otherwise be typed again in several places and drift apart.
 */
// A default import with the JSON attribute: the one form Node's own ESM loader (the E2E harness under
// Playwright), Vite, Vitest and TypeScript all read the same way.
import pkg from '../../../package.json' with { type: 'json' };

export const APP_NAME = 'Signet';
/** From package.json, so the CLI's --version, main's app:info and the About text can never disagree. */
export const APP_VERSION: string = pkg.version;

/** How far (seconds) an mmob timestamp may be from the verifier's clock, either way, unless told otherwise. */
export const DEFAULT_TOLERANCE_SECONDS = 60;
/** The largest tolerance accepted anywhere: one year. */
export const MAX_TOLERANCE_SECONDS = 31_536_000;

/** Operations history keeps, newest first; older ones are dropped. */
export const HISTORY_LIMIT = 200;
/** The largest history entry kept (its JSON, in characters); a larger input is stored cut down, with a note. */
export const HISTORY_ENTRY_MAX_CHARS = 8_192;
/**
 * A live result (made while typing) becomes a history entry once its inputs have been still this long (ms);
 * copying, opening or submitting it records it at once. One entry per deliberate act, never per keystroke.
 */
export const HISTORY_SETTLE_MS = 3_000;
/** History is written at most this often (ms): calls in between are coalesced into one write. */
export const HISTORY_FLUSH_MS = 1_000;
/** The main window's size on a first start (and when the saved one cannot be used), in CSS pixels. */
export const WINDOW_DEFAULT_SIZE = { width: 1280, height: 860 } as const;
/** The smallest the main window can be made: the two-column screens still fit. */
export const WINDOW_MIN_SIZE = { width: 900, height: 600 } as const;
/** The window's bounds are saved once it has not moved or been resized for this long (ms), and on close. */
export const WINDOW_STATE_SAVE_MS = 500;
/** The most profiles one store holds (an import beyond this is refused as a whole). */
export const PROFILE_LIMIT = 1_000;

/** Salted, slow fingerprint of a secret: PBKDF2-HMAC-SHA256 with this many iterations, first bytes in hex. */
export const FINGERPRINT_ITERATIONS = 600_000;
export const FINGERPRINT_HEX_LENGTH = 16;

/** A copied secret is wiped from the clipboard after this long, if the clipboard still holds it. */
export const CLIPBOARD_CLEAR_SECONDS = 30;

/** What a file dropped on the Batch screen may be called: the batch's input formats and the usual names of logs. */
export const DROPPABLE_EXTENSIONS = ['.jsonl', '.ndjson', '.json', '.csv', '.txt', '.log'] as const;
