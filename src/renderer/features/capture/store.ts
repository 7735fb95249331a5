import { create } from 'zustand';
import type { CaptureEntry, CaptureStatus } from '../../../shared/contract';
import { ApiError, call, errorOf, messageOf, type ErrorData } from '../../api';
import { useAppStore } from '../../app/store';
import { useEberStore } from '../eber/store';
import { useMmobStore } from '../mmob/store';
import { useProfilesStore } from '../profiles/store';

export type ForwardChoice = 'never' | 'valid' | 'always';

export interface CaptureForm {
  /** Empty = a free port. */
  port: string;
  eberProfileId: string | null;
  mmobProfileId: string | null;
  forward: ForwardChoice;
}

/** How often the list is asked for new captures while the receiver runs: a new one shows within 100 ms. */
export const CAPTURE_POLL_MS = 60;
/** The most captures the screen keeps (main keeps its own bounded list; export reads that). */
const MAX_SHOWN = 2000;

interface CaptureState {
  form: CaptureForm;
  status: CaptureStatus | null;
  entries: CaptureEntry[];
  lastId: number;
  busy: boolean;
  error: ErrorData | null;
  note: string | null;
  set: (patch: Partial<CaptureForm>) => void;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Reads the status and any captures kept from an earlier run (when the screen opens). */
  refresh: () => Promise<void>;
  exportJsonl: () => Promise<void>;
  /** Opens a capture in its scheme's verifier, filled in, with the profile the capture used. */
  open: (entry: CaptureEntry) => void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let polls = 0;

export const useCaptureStore = create<CaptureState>((set, get) => {
  const pull = async () => {
    const list = await call('capture:list', { sinceId: get().lastId, limit: 500 });
    if (list.entries.length > 0) {
      set((s) => ({ entries: [...s.entries, ...list.entries].slice(-MAX_SHOWN), lastId: list.lastId }));
    }
    // The counts change with every request (refusals too): read them every few polls and after new captures.
    if (list.entries.length > 0 || polls++ % 8 === 0 || !list.running) {
      set({ status: await call('capture:status', {}) });
    }
    return list;
  };
  const poll = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void pull().then(
        (list) => {
          if (list.more) poll();
          else if (list.running) poll();
        },
        (e) => set({ error: errorOf(e) }),
      );
    }, CAPTURE_POLL_MS);
  };

  return {
    form: { port: '', eberProfileId: null, mmobProfileId: null, forward: 'never' },
    status: null,
    entries: [],
    lastId: 0,
    busy: false,
    error: null,
    note: null,
    set: (patch) => set((s) => ({ form: { ...s.form, ...patch }, error: null })),
    start: async () => {
      const { form } = get();
      const port = form.port.trim() === '' ? undefined : Number(form.port.trim());
      set({ busy: true, error: null, note: null });
      try {
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
          throw new ApiError(
            'CAPTURE_PORT',
            'The port is a whole number up to 65535, or empty for any free port.',
            'port',
          );
        }
        await call('capture:start', {
          ...(port !== undefined ? { port } : {}),
          ...(form.eberProfileId ? { eberProfileId: form.eberProfileId } : {}),
          ...(form.mmobProfileId ? { mmobProfileId: form.mmobProfileId } : {}),
          forward: form.forward,
        });
        set({ entries: [], lastId: 0, status: await call('capture:status', {}) });
        polls = 0;
        poll();
      } catch (e) {
        set({ error: errorOf(e) });
      } finally {
        set({ busy: false });
      }
    },
    stop: async () => {
      set({ busy: true });
      try {
        await call('capture:stop', {});
        clearTimeout(timer);
        await pull();
        set({ status: await call('capture:status', {}) });
      } catch (e) {
        set({ error: errorOf(e) });
      } finally {
        set({ busy: false });
      }
    },
    refresh: async () => {
      try {
        const status = await call('capture:status', {});
        set({ status });
        if (get().lastId === 0 || status.running) {
          await pull();
          if (status.running) poll();
        }
      } catch (e) {
        set({ error: errorOf(e) });
      }
    },
    exportJsonl: async () => {
      try {
        const r = await call('capture:export', { save: true });
        set({
          note:
            r.path === null || r.path === undefined
              ? 'Export cancelled.'
              : `Exported ${r.count} capture${r.count === 1 ? '' : 's'} to ${r.path}.`,
        });
      } catch (e) {
        set({ note: `Could not export: ${messageOf(e)}` });
      }
    },
    open: (entry) => {
      const { status, form } = get();
      const profiles = useProfilesStore.getState().profiles;
      const param = (name: string) => entry.parameters.find((p) => p.name === name)?.decoded ?? '';
      if (entry.scheme === 'eber') {
        const profile = profiles.find((p) => p.id === form.eberProfileId && p.kind === 'eber');
        // The login URL as the business receives it: the same raw query on the business origin.
        const profileBase = profile?.kind === 'eber' ? profile.settings.baseUrl : '';
        const origin = status?.forwardTo || profileBase || status?.baseUrl || '';
        // As the receiver verified it: https on the business's host (Eber's login URLs are https only).
        let base = 'https://business.eber.co';
        try {
          base = `https://${new URL(origin).host}`;
        } catch {
          // no usable host: the placeholder business
        }
        useEberStore.getState().setVerify({
          url: `${base}${entry.request.target}`,
          ...(profile ? { secret: { mode: 'profile', profileId: profile.id } } : {}),
          ...(status?.eber?.timezone ? { timezone: status.eber.timezone } : {}),
        });
        useAppStore.getState().go('eber-verify');
      } else {
        const profile = profiles.find((p) => p.id === form.mmobProfileId && p.kind === 'mmob');
        useMmobStore.getState().setVerify({
          pasted: param('signature'),
          cpId: param('cp_id'),
          cpDeploymentId: param('cp_deployment_id'),
          email: param('email'),
          ...(profile ? { secret: { mode: 'profile', profileId: profile.id } } : {}),
        });
        useAppStore.getState().go('mmob-verify');
      }
    },
  };
});
