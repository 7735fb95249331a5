import type { MmobSecurityLevel } from '../../../core/common/mmob/codes';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../core/common/product';
import { text, type Restorer } from '../../lib/restore';
import { useMmobStore } from './store';

/** History entries of the mmob channels, back into their forms. */
export const restoreMmobSign: Restorer = (i, secret) => {
  useMmobStore.getState().setSign({
    secret,
    cpId: text(i.cpId),
    cpDeploymentId: text(i.cpDeploymentId),
    email: text(i.email),
    timestamp: text(i.timestamp),
    nonce: text(i.nonce),
  });
  return 'mmob-sign';
};

export const restoreMmobVerify: Restorer = (i, secret) => {
  useMmobStore.getState().setVerify({
    secret,
    pasted: text(i.signature),
    cpId: text(i.cpId),
    cpDeploymentId: text(i.cpDeploymentId),
    email: text(i.email),
    tolerance: typeof i.toleranceSeconds === 'number' ? i.toleranceSeconds : DEFAULT_TOLERANCE_SECONDS,
    now: text(i.now),
  });
  return 'mmob-verify';
};

export const restoreMmobSnippet: Restorer = (i, secret) => {
  useMmobStore.getState().setSnippet({
    secret,
    securityLevel: (text(i.securityLevel) || 'SECURE_IDENTITY') as MmobSecurityLevel,
    cpId: text(i.cpId),
    cpDeploymentId: text(i.cpDeploymentId),
    location: text(i.location),
    marketplaceUrl: text(i.marketplaceUrl),
    customerInfo:
      typeof i.customerInfo === 'object' && i.customerInfo !== null ? (i.customerInfo as Record<string, string>) : {},
  });
  return 'mmob-snippet';
};
