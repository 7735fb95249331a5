import type { EberIdentifierType } from '../../../core/common/eber/constants';
import { text, type Restorer } from '../../lib/restore';
import { useEberStore } from './store';

/** History entries of the Eber channels, back into their forms. eber:hash and eber:url both re-open the URL builder. */
export const restoreEberUrl: Restorer = (i, secret) => {
  useEberStore.getState().setUrl({
    secret,
    baseUrl: text(i.baseUrl),
    identifierType: (text(i.identifierType) || 'email') as EberIdentifierType,
    identifier: text(i.identifier),
    phoneCode: text(i.phoneCode),
    locale: typeof i.locale === 'string' ? i.locale : null,
    // A fixed expiry comes back fixed: restoring it as "no expiry" would make a permanent login link.
    ...(typeof i.expiry === 'string' && i.expiry !== ''
      ? { expiryMode: 'fixed' as const, expiry: i.expiry }
      : typeof i.expiresInMinutes === 'number'
        ? { expiryMode: 'minutes' as const, expiresInMinutes: i.expiresInMinutes }
        : { expiryMode: 'none' as const }),
    ...(typeof i.timezone === 'string' ? { timezone: i.timezone } : {}),
  });
  return 'eber-url';
};

export const restoreEberVerify: Restorer = (i, secret) => {
  useEberStore.getState().setVerify({
    secret,
    url: text(i.url),
    now: text(i.now),
    ...(typeof i.timezone === 'string' ? { timezone: i.timezone } : {}),
  });
  return 'eber-verify';
};
