import { create } from 'zustand';
import type { EberIdentifierType } from '../../../core/common/eber/constants';
import type { EberVerifyResult } from '../../../core/common/index';
import type { ResponseOf } from '../../../shared/contract';
import { LIMITS } from '../../../shared/limits';
import { call, messageOf } from '../../api';
import { cleanPasted, refuseTooLong } from '../../lib/input';
import { live, type LiveSlot } from '../../lib/live';
import { secretFields, type SecretChoice } from '../../components/SecretSource';

export interface UrlForm {
  secret: SecretChoice;
  baseUrl: string;
  /** The business zone used for "expires in N minutes" and to show the expiry. */
  timezone: string;
  identifierType: EberIdentifierType;
  identifier: string;
  phoneCode: string;
  /** 'fixed': a given hmac_expiry_date (YYYY-MM-DD HH:mm:ss in the business zone), e.g. restored from history. */
  expiryMode: 'none' | 'minutes' | 'fixed';
  expiresInMinutes: number;
  expiry: string;
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
  url: LiveSlot<UrlForm, ResponseOf<'eber:url'>>;
  verify: LiveSlot<EberVerifyForm, EberVerifyResult>;
  setUrl: (patch: Partial<UrlForm>) => void;
  setVerify: (patch: Partial<EberVerifyForm>) => void;
  openInBrowser: () => Promise<string | null>;
}

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** What "expires in N minutes" starts at, and falls back to when the field is cleared. */
export const DEFAULT_EXPIRES_IN_MINUTES = 30;

export const useEberStore = create<EberState>((set, get) => {
  const liveUrl = live(
    () => {
      const { form } = get().url;
      const secret = secretFields(form.secret);
      if (!secret || !form.identifier || !form.baseUrl) return null;
      return call('eber:url', {
        ...secret,
        baseUrl: form.baseUrl,
        identifierType: form.identifierType,
        identifier: form.identifier,
        ...(form.identifierType === 'phone' ? { phoneCode: form.phoneCode } : {}),
        ...(form.locale ? { locale: form.locale } : {}),
        ...(form.expiryMode === 'minutes' ? { expiresInMinutes: form.expiresInMinutes, timezone: form.timezone } : {}),
        ...(form.expiryMode === 'fixed' && form.expiry.trim()
          ? { expiry: form.expiry.trim(), timezone: form.timezone }
          : {}),
      });
    },
    (outcome) => set((s) => ({ url: { ...s.url, ...outcome } })),
  );
  const liveVerify = live(
    () => {
      const { form } = get().verify;
      const secret = secretFields(form.secret);
      const url = cleanPasted(form.url).value;
      if (!secret || !url) return null;
      refuseTooLong(url, LIMITS.url, 'url', 'The URL');
      return call('eber:verify', {
        ...secret,
        url,
        timezone: form.timezone,
        ...(form.now.trim() ? { now: form.now.trim() } : {}),
      });
    },
    (outcome) => set((s) => ({ verify: { ...s.verify, ...outcome } })),
  );

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
        expiresInMinutes: DEFAULT_EXPIRES_IN_MINUTES,
        expiry: '',
        locale: null,
      },
      result: null,
      error: null,
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
