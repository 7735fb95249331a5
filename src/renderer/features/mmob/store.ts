import { create } from 'zustand';
import type { MmobSignResult, MmobVerifyResult } from '../../../core/common/index';
import { extractMmobSignature } from '../../../core/common/mmob/extract';
import type { SnippetInput, SnippetResult } from '../../../core/common/mmob/snippet';
import { call, messageOf } from '../../api';
import { debounced } from '../../lib/live';
import { secretFields, type SecretChoice } from '../../components/SecretSource';

export interface SignForm {
  secret: SecretChoice;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  /** Empty = now. */
  timestamp: string;
  /** Empty = 16 random bytes as hex. */
  nonce: string;
}
export interface VerifyForm {
  secret: SecretChoice;
  /** A signature, a whole boot snippet, or JSON containing one. */
  pasted: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  tolerance: number;
  /** Empty = now; otherwise Unix seconds. */
  now: string;
}
/** The snippet builder's own input, with the secret chosen as a profile or a one-off. */
export type SnippetForm = Omit<SnippetInput, 'secret' | 'timestamp' | 'nonce'> & { secret: SecretChoice };

interface Slot<F, R> {
  form: F;
  result: R | null;
  error: string | null;
  busy: boolean;
}

interface MmobState {
  sign: Slot<SignForm, MmobSignResult>;
  verify: Slot<VerifyForm, MmobVerifyResult> & { extractedFrom: 'bare' | 'field' | null };
  snippet: Slot<SnippetForm, SnippetResult>;
  setSign: (patch: Partial<SignForm>) => void;
  setVerify: (patch: Partial<VerifyForm>) => void;
  setSnippet: (patch: Partial<SnippetForm>) => void;
  runSign: () => Promise<void>;
  runVerify: () => Promise<void>;
  runSnippet: () => Promise<void>;
}

const noSecret: SecretChoice = { mode: 'profile', profileId: null };
const slot = <F, R>(form: F): Slot<F, R> => ({ form, result: null, error: null, busy: false });
const integerOrUndefined = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);

export const useMmobStore = create<MmobState>((set, get) => {
  const seq = { sign: 0, verify: 0, snippet: 0 };
  const liveSign = debounced(() => get().runSign());
  const liveVerify = debounced(() => get().runVerify());
  const liveSnippet = debounced(() => get().runSnippet());

  return {
    sign: slot({ secret: noSecret, cpId: '', cpDeploymentId: '', email: '', timestamp: '', nonce: '' }),
    verify: {
      ...slot({ secret: noSecret, pasted: '', cpId: '', cpDeploymentId: '', email: '', tolerance: 60, now: '' }),
      extractedFrom: null,
    },
    snippet: slot({
      secret: noSecret,
      securityLevel: 'SECURE_IDENTITY',
      cpId: '',
      cpDeploymentId: '',
      location: '',
      marketplaceUrl: '',
      customerInfo: {},
    }),

    setSign: (patch) => {
      set((s) => ({ sign: { ...s.sign, form: { ...s.sign.form, ...patch } } }));
      liveSign();
    },
    setVerify: (patch) => {
      set((s) => {
        const form = { ...s.verify.form, ...patch };
        let extractedFrom = s.verify.extractedFrom;
        if (patch.pasted !== undefined) {
          // A pasted snippet or JSON usually carries the deployment id and email too: fill them in.
          const found = extractMmobSignature(patch.pasted);
          extractedFrom = found?.source ?? null;
          if (found?.cpDeploymentId) form.cpDeploymentId = found.cpDeploymentId;
          if (found?.email !== undefined) form.email = found.email;
        }
        return { verify: { ...s.verify, form, extractedFrom } };
      });
      liveVerify();
    },
    setSnippet: (patch) => {
      set((s) => ({ snippet: { ...s.snippet, form: { ...s.snippet.form, ...patch } } }));
      liveSnippet();
    },

    runSign: async () => {
      const { form } = get().sign;
      const secret = secretFields(form.secret);
      if (!secret || !form.cpId || !form.cpDeploymentId) {
        set((s) => ({ sign: { ...s.sign, result: null, error: null } }));
        return;
      }
      const n = ++seq.sign;
      set((s) => ({ sign: { ...s.sign, busy: true } }));
      try {
        const result = await call('mmob:sign', {
          ...secret,
          cpId: form.cpId,
          cpDeploymentId: form.cpDeploymentId,
          email: form.email,
          timestamp: integerOrUndefined(form.timestamp),
          nonce: form.nonce.trim() || undefined,
        });
        if (n === seq.sign) set((s) => ({ sign: { ...s.sign, result, error: null, busy: false } }));
      } catch (e) {
        if (n === seq.sign) set((s) => ({ sign: { ...s.sign, result: null, error: messageOf(e), busy: false } }));
      }
    },
    runVerify: async () => {
      const { form } = get().verify;
      const secret = secretFields(form.secret);
      const signature = extractMmobSignature(form.pasted)?.signature ?? form.pasted.trim();
      if (!secret || !signature || !form.cpId || !form.cpDeploymentId) {
        set((s) => ({ verify: { ...s.verify, result: null, error: null } }));
        return;
      }
      const n = ++seq.verify;
      set((s) => ({ verify: { ...s.verify, busy: true } }));
      try {
        const result = await call('mmob:verify', {
          ...secret,
          signature: signature.slice(0, 4096),
          cpId: form.cpId,
          cpDeploymentId: form.cpDeploymentId,
          email: form.email,
          toleranceSeconds: form.tolerance,
          now: integerOrUndefined(form.now),
        });
        if (n === seq.verify) set((s) => ({ verify: { ...s.verify, result, error: null, busy: false } }));
      } catch (e) {
        if (n === seq.verify) set((s) => ({ verify: { ...s.verify, result: null, error: messageOf(e), busy: false } }));
      }
    },
    runSnippet: async () => {
      const { form } = get().snippet;
      const secret = secretFields(form.secret);
      if (!form.cpDeploymentId) {
        set((s) => ({ snippet: { ...s.snippet, result: null, error: null } }));
        return;
      }
      const n = ++seq.snippet;
      set((s) => ({ snippet: { ...s.snippet, busy: true } }));
      try {
        const customerInfo = Object.fromEntries(Object.entries(form.customerInfo).filter(([, v]) => v));
        const result = await call('mmob:snippet', {
          ...(secret ?? {}),
          securityLevel: form.securityLevel,
          cpId: form.cpId,
          cpDeploymentId: form.cpDeploymentId,
          location: form.location,
          marketplaceUrl: form.marketplaceUrl,
          customerInfo,
        });
        if (n === seq.snippet) set((s) => ({ snippet: { ...s.snippet, result, error: null, busy: false } }));
      } catch (e) {
        if (n === seq.snippet)
          set((s) => ({ snippet: { ...s.snippet, result: null, error: messageOf(e), busy: false } }));
      }
    },
  };
});

export const useSign = () => useMmobStore((s) => s.sign);
export const useVerify = () => useMmobStore((s) => s.verify);
export const useSnippet = () => useMmobStore((s) => s.snippet);
