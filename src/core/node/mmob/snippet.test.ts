import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MMOB_SECURITY_LEVELS, type MmobSecurityLevel } from '../../common/mmob/codes';
import { buildBootSnippet, CUSTOMER_INFO_FIELDS, isIsoDate, scriptSafeJson, type CustomerInfo } from './snippet';
import { extractMmobSignature } from '../../common/mmob/extract';
import { verifyMmob } from './verify';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const base = {
  cpId: 'cp_7Hq2',
  cpDeploymentId: 'cpd_01HZX3K9',
  location: 'broadband',
  marketplaceUrl: 'https://marketplace.example.com',
  customerInfo: { email: 'sharon.jordan@example.com', first_name: 'Sharon', dob: '1978-12-06' },
};

/**
 * Runs the snippet the way a browser would: the HTML parser ends the script at the first "</script"
 * (any case), then the JS runs. Returns what it pushed onto window.mmob.
 */
function evaluate(snippet: string): { pushed: unknown[]; scriptCount: number } {
  expect(snippet.startsWith('<script>\n')).toBe(true);
  const body = snippet.slice('<script>'.length);
  const end = body.search(/<\/script/i);
  const window: { mmob?: unknown[] } = {};
  runInNewContext(body.slice(0, end), { window });
  return { pushed: window.mmob ?? [], scriptCount: snippet.match(/<\/script/gi)?.length ?? 0 };
}
function configOf(snippet: string) {
  const { pushed } = evaluate(snippet);
  expect(pushed).toHaveLength(1);
  const [command, config] = pushed[0] as [string, { security_level: string; customerInfo: Record<string, string> }];
  expect(command).toBe('boot');
  return config;
}

describe('buildBootSnippet', () => {
  it('signs SECURE_IDENTITY over the customerInfo email; customerInfo carries the deployment, location, signature and marketplace', () => {
    const r = buildBootSnippet({ ...base, securityLevel: 'SECURE_IDENTITY', secret: SECRET, timestamp: 1_735_689_600 });
    const config = configOf(r.snippet);
    expect(config.security_level).toBe('SECURE_IDENTITY');
    expect(config.customerInfo).toEqual({
      email: 'sharon.jordan@example.com',
      first_name: 'Sharon',
      dob: '1978-12-06',
      cp_deployment_id: 'cpd_01HZX3K9',
      location: 'broadband',
      signature: r.signature,
      marketplace_url: 'https://marketplace.example.com',
    });
    expect(r.canonical).toMatch(/^1735689600:cp_7Hq2:cpd_01HZX3K9:sharon\.jordan@example\.com:[0-9a-f]{32}$/);
    const v = verifyMmob({ signature: r.signature!, secret: SECRET, cpId: base.cpId, cpDeploymentId: base.cpDeploymentId, email: base.customerInfo.email, now: 1_735_689_600 });
    expect(v.valid).toBe(true);
  });

  it('is what the verify screen can read back: pasting the snippet yields its signature, deployment and email', () => {
    const r = buildBootSnippet({ ...base, securityLevel: 'SECURE_IDENTITY', secret: SECRET, timestamp: 1_735_689_600 });
    expect(extractMmobSignature(r.snippet)).toEqual({ signature: r.signature, cpDeploymentId: base.cpDeploymentId, email: base.customerInfo.email, source: 'field' });
  });

  it('signs SECURE_IDENTITY_DEBUG too, with an empty email when customerInfo has none', () => {
    const r = buildBootSnippet({ ...base, customerInfo: {}, securityLevel: 'SECURE_IDENTITY_DEBUG', secret: SECRET, timestamp: 1_735_689_600 });
    expect(r.canonical).toMatch(/^1735689600:cp_7Hq2:cpd_01HZX3K9::/);
    expect(configOf(r.snippet).customerInfo.signature).toBe(r.signature);
    expect(configOf(r.snippet).customerInfo).not.toHaveProperty('email');
  });

  it('leaves the signature out for Basic and CSP, and needs no secret then', () => {
    for (const securityLevel of ['Basic', 'CSP'] as const) {
      const r = buildBootSnippet({ ...base, securityLevel });
      expect(r.signature).toBeNull();
      expect(r.canonical).toBeNull();
      const config = configOf(r.snippet);
      expect(config.security_level).toBe(securityLevel);
      expect(config.customerInfo).not.toHaveProperty('signature');
      expect(config.customerInfo.cp_deployment_id).toBe('cpd_01HZX3K9');
    }
  });

  it('refuses a signed level without a secret, a bad dob, an http marketplace URL and an unknown level', () => {
    expect(() => buildBootSnippet({ ...base, securityLevel: 'SECURE_IDENTITY_DEBUG' })).toThrow(/needs a signature/);
    for (const dob of ['06/12/1978', '1978-02-30', '1978-13-01', '1978-12-6', '1978-12-06T00:00:00Z']) {
      expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic', customerInfo: { dob } })).toThrow(/ISO 8601/);
    }
    expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic', marketplaceUrl: 'http://x.example' })).toThrow(/https/);
    expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic\n*/alert(1)//' as MmobSecurityLevel })).toThrow(/security level/);
    expect(() => buildBootSnippet({ ...base, securityLevel: 'Basic', cpDeploymentId: '' })).toThrow(/cp_deployment_id/);
  });

  it('never lets user text close the script element', () => {
    const evil = '</script><script>alert(1)</script>&\u2028<!--';
    const r = buildBootSnippet({ ...base, securityLevel: 'Basic', customerInfo: { first_name: evil }, location: '</SCRIPT >' });
    const { scriptCount } = evaluate(r.snippet);
    expect(scriptCount).toBe(1);
    expect(r.snippet).not.toContain('<!--');
    expect(configOf(r.snippet).customerInfo).toMatchObject({ first_name: evil, location: '</SCRIPT >' });
    expect(scriptSafeJson('<>&')).toBe('"\\u003c\\u003e\\u0026"');
  });

  it('for any text in any field, the snippet is one script whose boot config equals the input exactly', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const customerInfoArb = fc.record(
      Object.fromEntries(CUSTOMER_INFO_FIELDS.filter((f) => f !== 'dob').map((f) => [f, text])) as Record<string, typeof text>,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(MMOB_SECURITY_LEVELS) as MmobSecurityLevel[])),
        customerInfoArb,
        text.filter((s) => s.length > 0),
        text,
        (securityLevel, customerInfo, cpDeploymentId, location) => {
          const r = buildBootSnippet({ ...base, securityLevel, customerInfo: customerInfo as CustomerInfo, cpDeploymentId, location, secret: SECRET });
          const { scriptCount } = evaluate(r.snippet);
          expect(scriptCount).toBe(1);
          expect(r.snippet).not.toContain('<!--');
          const config = configOf(r.snippet);
          const expected = Object.fromEntries(Object.entries(customerInfo).filter(([, v]) => v !== '')) as Record<string, string>;
          expected.cp_deployment_id = cpDeploymentId;
          if (location) expected.location = location;
          if (r.signature) expected.signature = r.signature;
          expected.marketplace_url = base.marketplaceUrl;
          expect(config.customerInfo).toEqual(expected);
          expect(config.security_level).toBe(securityLevel);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('')).toBe(false);
  });
});
