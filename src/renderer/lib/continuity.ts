/**
 * Each screen keeps its last inputs across restarts, never a secret. Kept in localStorage under the app's
 * own origin (app://signet): it is per-user app data Chromium already stores in the profile beside the
 * vault, it needs no channel and no schema in main, and it holds only what the screens show anyway. The
 * secret choice is kept as the profile id only; a one-off secret is never written.
 */
import type { SecretChoice } from '../components/SecretSource';

const KEY = 'signet.forms.v1';

type Forms = Record<string, Record<string, unknown>>;

function readAll(): Forms {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Forms) : {};
  } catch {
    return {};
  }
}

/** The form without its secret: a profile choice keeps its id, a one-off secret becomes an empty one. */
export function withoutSecret<F extends { secret?: SecretChoice }>(form: F): F {
  if (!form.secret || form.secret.mode === 'profile') return form;
  return { ...form, secret: { mode: 'inline', secret: '' } };
}

export function loadForm(name: string): Record<string, unknown> | null {
  return readAll()[name] ?? null;
}

let pending: Forms | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Saves a screen's form (debounced; the secret removed). */
export function saveForm(name: string, form: { secret?: SecretChoice }): void {
  pending = { ...(pending ?? readAll()), [name]: withoutSecret(form) as Record<string, unknown> };
  clearTimeout(timer);
  timer = setTimeout(() => {
    try {
      if (pending) localStorage.setItem(KEY, JSON.stringify(pending));
    } catch {
      // Storage full or unavailable: continuity is a convenience.
    }
    pending = null;
  }, 300);
}

interface FormStore {
  getState(): object;
  setState(patch: object): void;
  subscribe(listener: (state: object, prev: object) => void): () => void;
}

/**
 * Restores the named slots' forms from the last session (without asking for results: nothing is re-run or
 * recorded until the user acts), then saves each form whenever it changes. Returns the unsubscribe.
 */
export function keepForms(
  store: FormStore,
  prefix: string,
  slots: readonly string[],
  /** Fields never kept (pasted credentials: a signature or a login URL, which history too keeps only cut). */
  omit: readonly string[] = [],
): () => void {
  const state = store.getState() as Record<string, { form: Record<string, unknown> }>;
  const patch: Record<string, unknown> = {};
  for (const slot of slots) {
    const saved = loadForm(`${prefix}.${slot}`);
    const current = state[slot];
    if (!saved || !current) continue;
    // Only fields the form still has, each of the same type as today's default.
    const known = Object.fromEntries(
      Object.entries(saved).filter(
        ([k, v]) =>
          k in current.form &&
          !omit.includes(k) &&
          (typeof v === typeof current.form[k] || v === null || current.form[k] === null),
      ),
    );
    patch[slot] = { ...current, form: { ...current.form, ...known } };
  }
  if (Object.keys(patch).length > 0) store.setState(patch);
  return store.subscribe((s, prev) => {
    for (const slot of slots) {
      const now = (s as Record<string, { form: object }>)[slot]?.form;
      if (now && now !== (prev as Record<string, { form: object }>)[slot]?.form) {
        const kept = Object.fromEntries(Object.entries(now).filter(([k]) => !omit.includes(k)));
        saveForm(`${prefix}.${slot}`, kept as { secret?: SecretChoice });
      }
    }
  });
}
