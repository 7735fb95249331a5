/** mmob:verify (and eber:verify) try the other saved profiles of the scheme when a value is invalid. */
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeServices } from '../../../testing/main-services';

const MMOB = {
  cpId: 'cp_1',
  cpDeploymentId: 'cpd_1',
  defaultEmail: '',
  marketplaceUrl: 'https://marketplace.example.com',
  securityLevel: 'SECURE_IDENTITY' as const,
};
const PROD = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const STAGING = 'c3RhZ2luZy1zZWNyZXQtMzItYnl0ZXMtbG9uZy4uLi4=';
const TS = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
const signedWith = (secret: string) =>
  `${TS}:${createHmac('sha256', Buffer.from(secret, 'base64')).update(`${TS}:cp_1:cpd_1:a@b.co:${NONCE}`).digest('base64')}:${NONCE}`;

describe('mmob:verify with other profiles as alternates', () => {
  it("names the other profile whose key signed it, and no secret crosses IPC", async () => {
    const s = await makeServices();
    const prod = await s.vault.create({ kind: 'mmob', name: 'Production', settings: MMOB, secret: PROD });
    await s.vault.create({ kind: 'mmob', name: 'Staging', settings: MMOB, secret: STAGING });
    await s.vault.create({ kind: 'mmob', name: 'No secret yet', settings: MMOB });
    const request = { profileId: prod.id, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'a@b.co', now: TS };
    const r = (await s.call('mmob:verify', { ...request, signature: signedWith(STAGING) })) as {
      ok: true;
      data: { hints: string[]; details: { signedWith?: string; explanations: { code: string; text: string }[] } };
    };
    expect(r.ok).toBe(true);
    expect(r.data.hints).toEqual(['SIGNED_WITH_OTHER_KEY']);
    expect(r.data.details.signedWith).toBe('Staging');
    expect(r.data.details.explanations.find((e) => e.code === 'SIGNED_WITH_OTHER_KEY')!.text).toContain("'Staging'");
    expect(JSON.stringify(r)).not.toContain(STAGING);
    expect(JSON.stringify(s.vault.history())).not.toContain(STAGING);

    // Its own key: valid, no alternates involved.
    const valid = (await s.call('mmob:verify', { ...request, signature: signedWith(PROD) })) as { ok: true; data: { valid: boolean } };
    expect(valid.data.valid).toBe(true);
    await s.dispose();
  });

  it('a one-off secret is tried against every saved mmob profile', async () => {
    const s = await makeServices();
    await s.vault.create({ kind: 'mmob', name: 'Staging', settings: MMOB, secret: STAGING });
    const r = (await s.call('mmob:verify', {
      secret: PROD,
      cpId: 'cp_1',
      cpDeploymentId: 'cpd_1',
      email: 'a@b.co',
      now: TS,
      signature: signedWith(STAGING),
    })) as { ok: true; data: { hints: string[] } };
    expect(r.data.hints).toEqual(['SIGNED_WITH_OTHER_KEY']);
    await s.dispose();
  });
});
