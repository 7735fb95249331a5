import { create } from 'zustand';
import { BATCH_FORMATS, type BatchFormat, type BatchScheme } from '../../../core/common/batch/formats';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../core/common/product';
import type { BatchStatus, FailureRow } from '../../../shared/contract';
import { call, messageOf } from '../../api';
import { secretFields, type SecretChoice } from '../../components/SecretSource';

export const PAGE_SIZE = 500;

export interface BatchForm {
  secret: SecretChoice;
  scheme: BatchScheme;
  format: BatchFormat;
  tolerance: number;
  timezone: string;
}

interface BatchState {
  form: BatchForm;
  file: { path: string; name: string; size: number | null } | null;
  job: BatchStatus | null;
  error: string | null;
  note: string | null;
  /** Filter of the failure table: a code or hint, or null for all. */
  filter: string | null;
  total: number;
  /** Failure rows by page, fetched as the table scrolls (the table is virtualized). */
  pages: Record<number, FailureRow[]>;
  setForm: (patch: Partial<BatchForm>) => void;
  pickFile: () => Promise<void>;
  /** A file dropped on the screen: main checks it and, if it takes it, it becomes the batch's input. */
  takeDroppedFiles: (files: readonly File[]) => Promise<void>;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  setFilter: (code: string | null) => void;
  ensurePage: (page: number) => void;
  exportCsv: () => Promise<void>;
}

const POLL_MS = 250;

export const useBatchStore = create<BatchState>((set, get) => {
  const loading = new Set<number>();
  let poll: ReturnType<typeof setInterval> | undefined;

  const refreshTable = () => {
    loading.clear();
    set({ pages: {} });
    get().ensurePage(0);
  };

  const tick = async () => {
    const job = get().job;
    if (!job) return;
    try {
      const status = await call('batch:status', { jobId: job.id });
      const grew = status.failuresKept !== job.failuresKept;
      set({ job: status });
      if (status.state !== 'running') {
        clearInterval(poll);
        refreshTable();
      } else if (grew && get().total < PAGE_SIZE) refreshTable();
    } catch (e) {
      clearInterval(poll);
      set({ error: messageOf(e) });
    }
  };

  return {
    form: {
      secret: { mode: 'profile', profileId: null },
      scheme: 'mmob',
      format: BATCH_FORMATS.mmob[0]!,
      tolerance: DEFAULT_TOLERANCE_SECONDS,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    file: null,
    job: null,
    error: null,
    note: null,
    filter: null,
    total: 0,
    pages: {},
    setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
    pickFile: async () => {
      try {
        const r = await call('batch:pickFile', {});
        if (r.path && r.name) set({ file: { path: r.path, name: r.name, size: r.size }, error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    takeDroppedFiles: async (files) => {
      if (get().job?.state === 'running')
        return set({ error: 'A batch is running; cancel it or wait, then drop the next file.' });
      if (files.length !== 1) return set({ error: `Drop one file at a time (that was ${files.length}).` });
      try {
        const r = await call('batch:useDroppedFile', files[0]!);
        set({ file: { path: r.path, name: r.name, size: r.size }, error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    start: async () => {
      const { form, file } = get();
      const secret = secretFields(form.secret);
      if (!file) return set({ error: 'Choose a file to verify first.' });
      if (!secret) return set({ error: 'Choose a profile or enter a one-off secret.' });
      try {
        const job = await call('batch:start', {
          ...secret,
          path: file.path,
          scheme: form.scheme,
          format: form.format,
          ...(form.scheme === 'mmob' ? { toleranceSeconds: form.tolerance } : { timezone: form.timezone }),
        });
        clearInterval(poll);
        set({ job, error: null, note: null, filter: null, total: 0, pages: {} });
        poll = setInterval(() => void tick(), POLL_MS);
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    cancel: async () => {
      const job = get().job;
      if (!job) return;
      try {
        set({ job: await call('batch:cancel', { jobId: job.id }) });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    setFilter: (filter) => {
      set({ filter });
      refreshTable();
    },
    ensurePage: (page) => {
      const { job, filter, pages } = get();
      if (!job || pages[page] || loading.has(page)) return;
      loading.add(page);
      void call('batch:failures', {
        jobId: job.id,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(filter ? { code: filter } : {}),
      }).then(
        (r) => {
          loading.delete(page);
          if (get().filter === filter) set((s) => ({ total: r.total, pages: { ...s.pages, [page]: r.rows } }));
        },
        (e: unknown) => {
          loading.delete(page);
          set({ error: messageOf(e) });
        },
      );
    },
    exportCsv: async () => {
      const job = get().job;
      if (!job) return;
      try {
        const r = await call('batch:exportFailures', {
          jobId: job.id,
          ...(get().filter ? { code: get().filter! } : {}),
        });
        set({ note: r.path ? `Exported ${r.rows} failures to ${r.path}.` : null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
  };
});
