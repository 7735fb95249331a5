import { describe, expect, it } from 'vitest';
import { buildBootSnippet, scriptSafeJson } from './snippet';
import { verifyMmob } from './verify';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const base = {
  cpId: 'cp_7Hq2',
  cpDeploymentId: 'cpd_01HZX3K9',
  location: 'broadband',
  marketplaceUrl: 'https://marketplace.example.com',
  customerInfo: { email: 'sharon.jordan@example.com', first_name: 'Sharon', dob: '1978-12-06' },
};

/** Pulls the JSON config back out of the snippet the way a browser would evaluate it. */
function configOf(snippet: string): Record<string, unknown> {
  const json = snippet.slice(snippet.indexOf('["boot", ') + 9, snippet.lastIndexOf(']);'));
  return JSON.parse(json) as Record<string, unknown>;
}

describe('buildBootSnippet', () => {
  it('signs for SECURE_IDENTITY with the customer email, and the signature verifies', () => {
    const r = buildBootSnippet({ ...base, securityLevel: 'SECURE_IDENTITY', secret: SECRET, timestamp: 1_735_689_600 });
    const config = configOf(r.snippet);
    expect(config.signature).toBe(r.signature);
    expect(config).toMatchObject({ cp_deployment_id: 'cpd_01HZX3K9', location: 'broadband', marketplace_url: base.marketplaceUrl, customerInfo: base.customerInfo });
    const v = verifyMmob({ signature: r.signature!, secret: SECRET, cpId: base.cpId, cpDeploymentId: base.cpDeploymentId, email: base.customerInfo.email, now: 1_735_689_600 });
    expect(v.valid).toBe(true);
  });

  it('leaves the signature out for Basic and CSP, and needs no secret then', () => {
    for (const securityLevel of ['Basic', 'CSP'] as const) {
      const r = buildBootSnippet({ ...base, securityLevel });
      expect(r.signature).toBeNull();
      expect(configOf(r.snippet)).not.toHaveProperty('signature');
    }
  });

  it('refuses a signed level without a secret, a bad dob and an http marketplace URL', () => {
    expect(() => buildBootSnippet({ ...base, securityLevel: 'SECURE_IDENTITY_DEBUG' })).toThrow(/needs a signature/);
    expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic', customerInfo: { dob: '06/12/1978' } })).toThrow(/ISO 8601/);
    expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic', marketplaceUrl: 'http://x.example' })).toThrow(/https/);
  });

  it('never lets user text close the script element', () => {
    const evil = '</script><script>alert(1)</script>&\u2028';
    const r = buildBootSnippet({ ...base, securityLevel: 'Basic', customerInfo: { first_name: evil } });
    expect(r.snippet.match(/<\/script>/g)).toHaveLength(1);
    expect((configOf(r.snippet).customerInfo as Record<string, string>).first_name).toBe(evil);
    expect(scriptSafeJson('<>&')).toBe('"\\u003c\\u003e\\u0026"');
  });
});
