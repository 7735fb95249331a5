import { create } from 'zustand';
import type { MmobSignResult, MmobVerifyResult } from '../../../core/common/index';
import { extractMmobSignature } from '../../../core/common/mmob/extract';
import type { SnippetInput } from '../../../core/common/mmob/snippet';
import { mmobSignatureWanted } from '../../../core/common/mmob/codes';
import type { ResponseOf } from '../../../shared/contract';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../core/common/product';
import { LIMITS } from '../../../shared/limits';
import { call } from '../../api';
import { cleanPasted, refuseTooLong } from '../../lib/input';
import { live, type LiveSlot } from '../../lib/live';
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
export type SnippetForm = Omit<
  SnippetInput,
  'secret' | 'timestamp' | 'nonce' | 'page' | 'locale' | 'includeSignature'
> & {
  secret: SecretChoice;
  /** The React component's page (e.g. "broadband"), for the /boot form. */
  page: string;
  /** The React component's optional locale (e.g. "en"), for the /boot form; empty = left out. */
  locale: string;
  /** SECURE_IDENTITY_DEBUG only: send a signature (optional at that level). */
  includeSignature: boolean;
};
export type SnippetResponse = ResponseOf<'mmob:snippet'>;

interface MmobState {
  sign: LiveSlot<SignForm, MmobSignResult>;
  verify: LiveSlot<VerifyForm, MmobVerifyResult> & { extractedFrom: 'bare' | 'field' | null };
  snippet: LiveSlot<SnippetForm, SnippetResponse>;
  setSign: (patch: Partial<SignForm>) => void;
  setVerify: (patch: Partial<VerifyForm>) => void;
  setSnippet: (patch: Partial<SnippetForm>) => void;
}

const noSecret: SecretChoice = { mode: 'profile', profileId: null };
const slot = <F, R>(form: F): LiveSlot<F, R> => ({ form, result: null, error: null });
const integerOrUndefined = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);

export const useMmobStore = create<MmobState>((set, get) => {
  const liveSign = live(
    () => {
      const { form } = get().sign;
      const secret = secretFields(form.secret);
      if (!secret || !form.cpId || !form.cpDeploymentId) return null;
      return call('mmob:sign', {
        ...secret,
        cpId: form.cpId,
        cpDeploymentId: form.cpDeploymentId,
        email: form.email,
        timestamp: integerOrUndefined(form.timestamp),
        nonce: form.nonce.trim() || undefined,
      });
    },
    (outcome) => set((s) => ({ sign: { ...s.sign, ...outcome } })),
  );
  const liveVerify = live(
    () => {
      const { form } = get().verify;
      const secret = secretFields(form.secret);
      const signature = extractMmobSignature(form.pasted)?.signature ?? cleanPasted(form.pasted).value;
      if (!secret || !signature || !form.cpId || !form.cpDeploymentId) return null;
      refuseTooLong(signature, LIMITS.signature, 'signature', 'The signature');
      return call('mmob:verify', {
        ...secret,
        signature,
        cpId: form.cpId,
        cpDeploymentId: form.cpDeploymentId,
        email: form.email,
        toleranceSeconds: form.tolerance,
        now: integerOrUndefined(form.now),
      });
    },
    (outcome) => set((s) => ({ verify: { ...s.verify, ...outcome } })),
  );
  const liveSnippet = live(
    () => {
      const { form } = get().snippet;
      // A boot without a signature needs no secret: the request goes without one.
      const wanted = mmobSignatureWanted(form.securityLevel, form.includeSignature);
      const secret = wanted ? secretFields(form.secret) : null;
      if (!form.cpDeploymentId) return null;
      return call('mmob:snippet', {
        ...(secret ?? {}),
        ...(form.securityLevel === 'SECURE_IDENTITY_DEBUG' ? { includeSignature: form.includeSignature } : {}),
        ...(form.page ? { page: form.page } : {}),
        ...(form.locale.trim() ? { locale: form.locale.trim() } : {}),
        securityLevel: form.securityLevel,
        cpId: form.cpId,
        cpDeploymentId: form.cpDeploymentId,
        location: form.location,
        marketplaceUrl: form.marketplaceUrl,
        customerInfo: Object.fromEntries(Object.entries(form.customerInfo).filter(([, v]) => v)),
      });
    },
    (outcome) => set((s) => ({ snippet: { ...s.snippet, ...outcome } })),
  );

  return {
    sign: slot({ secret: noSecret, cpId: '', cpDeploymentId: '', email: '', timestamp: '', nonce: '' }),
    verify: {
      ...slot({
        secret: noSecret,
        pasted: '',
        cpId: '',
        cpDeploymentId: '',
        email: '',
        tolerance: DEFAULT_TOLERANCE_SECONDS,
        now: '',
      }),
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
      page: '',
      locale: '',
      includeSignature: true,
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
  };
});

export const useSign = () => useMmobStore((s) => s.sign);
export const useVerify = () => useMmobStore((s) => s.verify);
export const useSnippet = () => useMmobStore((s) => s.snippet);
