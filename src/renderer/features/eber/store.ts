import { create } from 'zustand';
import type { EberIdentifierType } from '../../../core/common/eber/constants';
import type { EberVerifyResult } from '../../../core/common/index';
import type { ResponseOf } from '../../../shared/contract';
import { call, messageOf } from '../../api';
import { debounced } from '../../lib/live';
import { secretFields, type SecretChoice } from '../../components/SecretSource';

export interface UrlForm {
  secret: SecretChoice;
  baseUrl: string;
  /** The business zone used for "expires in N minutes" and to show the expiry. */
  timezone: string;
  identifierType: EberIdentifierType;
  identifier: string;
  phoneCode: string;
  expiryMode: 'none' | 'minutes';
  expiresInMinutes: number;
  locale: string | null;
}
export interface EberVerifyForm {
  secret: SecretChoice;
  url: string;
  timezone: string;
  /** Empty = now; ISO 8601. */
  now: string;
}

interface EberState {
  url: { form: UrlForm; result: ResponseOf<'eber:url'> | null; error: string | null; builtAt: number | null };
  verify: { form: EberVerifyForm; result: EberVerifyResult | null; error: string | null };
  setUrl: (patch: Partial<UrlForm>) => void;
  setVerify: (patch: Partial<EberVerifyForm>) => void;
  runUrl: () => Promise<void>;
  runVerify: () => Promise<void>;
  openInBrowser: () => Promise<string | null>;
}

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export const useEberStore = create<EberState>((set, get) => {
  const seq = { url: 0, verify: 0 };
  const liveUrl = debounced(() => get().runUrl());
  const liveVerify = debounced(() => get().runVerify());
  return {
    url: {
      form: {
        secret: { mode: 'profile', profileId: null },
        baseUrl: '',
        timezone: localZone,
        identifierType: 'email',
        identifier: '',
        phoneCode: '',
        expiryMode: 'none',
        expiresInMinutes: 30,
        locale: null,
      },
      result: null,
      error: null,
      builtAt: null,
    },
    verify: {
      form: { secret: { mode: 'profile', profileId: null }, url: '', timezone: localZone, now: '' },
      result: null,
      error: null,
    },

    setUrl: (patch) => {
      set((s) => ({ url: { ...s.url, form: { ...s.url.form, ...patch } } }));
      liveUrl();
    },
    setVerify: (patch) => {
      set((s) => ({ verify: { ...s.verify, form: { ...s.verify.form, ...patch } } }));
      liveVerify();
    },

    runUrl: async () => {
      const { form } = get().url;
      const secret = secretFields(form.secret);
      if (!secret || !form.identifier || !form.baseUrl) {
        set((s) => ({ url: { ...s.url, result: null, error: null } }));
        return;
      }
      const n = ++seq.url;
      try {
        const result = await call('eber:url', {
          ...secret,
          baseUrl: form.baseUrl,
          identifierType: form.identifierType,
          identifier: form.identifier,
          ...(form.identifierType === 'phone' ? { phoneCode: form.phoneCode } : {}),
          ...(form.locale ? { locale: form.locale } : {}),
          ...(form.expiryMode === 'minutes'
            ? { expiresInMinutes: form.expiresInMinutes, timezone: form.timezone }
            : {}),
        });
        if (n === seq.url) set((s) => ({ url: { ...s.url, result, error: null, builtAt: Date.now() } }));
      } catch (e) {
        if (n === seq.url) set((s) => ({ url: { ...s.url, result: null, error: messageOf(e) } }));
      }
    },
    runVerify: async () => {
      const { form } = get().verify;
      const secret = secretFields(form.secret);
      if (!secret || !form.url.trim()) {
        set((s) => ({ verify: { ...s.verify, result: null, error: null } }));
        return;
      }
      const n = ++seq.verify;
      try {
        const result = await call('eber:verify', {
          ...secret,
          url: form.url.slice(0, 16_384),
          timezone: form.timezone,
          ...(form.now.trim() ? { now: form.now.trim() } : {}),
        });
        if (n === seq.verify) set((s) => ({ verify: { ...s.verify, result, error: null } }));
      } catch (e) {
        if (n === seq.verify) set((s) => ({ verify: { ...s.verify, result: null, error: messageOf(e) } }));
      }
    },
    openInBrowser: async () => {
      const url = get().url.result?.url;
      if (!url) return null;
      try {
        await call('shell:openExternal', { url });
        return 'Opened in your browser.';
      } catch (e) {
        return messageOf(e);
      }
    },
  };
});

export const useEberUrl = () => useEberStore((s) => s.url);
export const useEberVerify = () => useEberStore((s) => s.verify);
