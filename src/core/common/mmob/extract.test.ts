import { describe, expect, it } from 'vitest';
import { extractMmobSignature } from './extract';

const SIG = '1735689600:orCCDd1lwJ4SsZ+fOJ3mn/rgHr/DM/wF3i1IthrE98Y=:a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
const ENCODED_SIG = encodeURIComponent(SIG);

describe('extractMmobSignature', () => {
  it('takes a bare signature as it is', () => {
    expect(extractMmobSignature(`  ${SIG}\n`)).toEqual({ signature: SIG, source: 'bare', format: 'bare' });
  });

  it("reads the vendor's published snippet: config beside customerInfo, JS literals, comments", () => {
    const snippet = `<script src="https://assets.mmob.com/js/mmob-snippet.min.js"></script>
    <script>
      mmob.init({
        customerInfo: {
          // required information
          email: 'stephen.o\\'hayes@example.com',
          first_name: "Stephen",
          dob: '1968-05-30T21:12:22.275Z',
        },
        /* integration configuration */
        cp_id: 'cp_XXXXXXXXXXXXXXXXXXXXX',
        cp_deployment_id: 'cpd_01HZX3K9',
        location: '#mmobMarketplace',
        marketplace_url: 'https://marketplace.example.com',
        signature: "${SIG}",
      });
    </script>`;
    expect(extractMmobSignature(snippet)).toEqual({
      signature: SIG,
      cpId: 'cp_XXXXXXXXXXXXXXXXXXXXX',
      cpDeploymentId: 'cpd_01HZX3K9',
      email: "stephen.o'hayes@example.com",
      source: 'field',
      format: 'snippet',
    });
  });

  it('reads the older shape too, with everything inside customerInfo', () => {
    const snippet = `<script>window.mmob.push(["boot", {"security_level": "SECURE_IDENTITY", "customerInfo": {
      "email": "a@b.co", "cp_deployment_id": "d1", "signature": "${SIG}"}}]);</script>`;
    expect(extractMmobSignature(snippet)).toEqual({
      signature: SIG,
      cpDeploymentId: 'd1',
      email: 'a@b.co',
      source: 'field',
      format: 'snippet',
    });
  });

  it('decodes string escapes, so what it returns is the value the page passes', () => {
    const snippet = `mmob.init({ customerInfo: { email: "\\u003cx\\u003e@b.co" }, cp_id: '\\x41\\u{1F600}', signature: "${SIG}" })`;
    expect(extractMmobSignature(snippet)).toMatchObject({ email: '<x>@b.co', cpId: 'A\u{1F600}' });
  });

  it('finds it in JSON of either shape: snake_case beside customerInfo, or camelCase', () => {
    const published = { customerInfo: { email: 'a@b.co' }, cp_id: 'c1', cp_deployment_id: 'd1', signature: SIG };
    expect(extractMmobSignature(JSON.stringify(published, null, 2))).toEqual({
      signature: SIG,
      cpId: 'c1',
      cpDeploymentId: 'd1',
      email: 'a@b.co',
      source: 'field',
      format: 'json',
    });
    expect(extractMmobSignature(JSON.stringify({ cpId: 'c1', cpDeploymentId: 'd1', signature: SIG }))).toEqual({
      signature: SIG,
      cpId: 'c1',
      cpDeploymentId: 'd1',
      source: 'field',
      format: 'json',
    });
  });

  it('does not take a value that only looks like a field for the field', () => {
    const json = JSON.stringify({
      customerInfo: { first_name: 'email: "evil@x.co", signature: "1:2:3"' },
      cp_id: 'cp_1',
      signature: SIG,
    });
    expect(extractMmobSignature(json)).toEqual({ signature: SIG, cpId: 'cp_1', source: 'field', format: 'json' });
    // A field named partner_email is not email.
    expect(extractMmobSignature(`{ partner_email: 'p@x.co', signature: '${SIG}' }`)).not.toHaveProperty('email');
  });

  it('reads a /boot form body, decoding it as a form', () => {
    const body = `email=stephen.hayes%2Bmmob%40example.com&first_name=Stephen+James&cp_id=cp_1&cp_deployment_id=cpd_01HZX3K9&page=broadband&signature=${ENCODED_SIG}`;
    expect(extractMmobSignature(body)).toEqual({
      signature: SIG,
      cpId: 'cp_1',
      cpDeploymentId: 'cpd_01HZX3K9',
      email: 'stephen.hayes+mmob@example.com',
      source: 'field',
      format: 'form',
    });
    expect(extractMmobSignature(`?signature=${ENCODED_SIG}\n`)).toEqual({
      signature: SIG,
      source: 'field',
      format: 'form',
    });
    expect(extractMmobSignature(`https://m.example.com/boot?cp_id=cp_1&signature=${ENCODED_SIG}`)).toEqual({
      signature: SIG,
      cpId: 'cp_1',
      source: 'field',
      format: 'form',
    });
  });

  it('in a form body, reports a raw "+" as the server reads it (a space) and flags what was probably meant', () => {
    const body = `cp_id=cp_1&cp_deployment_id=cpd_1&email=a+b@example.com&signature=${SIG}`;
    expect(extractMmobSignature(body)).toEqual({
      signature: SIG.replace('+', ' '),
      cpId: 'cp_1',
      cpDeploymentId: 'cpd_1',
      email: 'a b@example.com',
      source: 'field',
      format: 'form',
      plusAsSpace: { signature: SIG, email: 'a+b@example.com' },
    });
    // A "+" sent as %2B is fine and not flagged; a space sent as "+" in another field is not flagged either.
    expect(extractMmobSignature(`first_name=Ann+Lee&signature=${ENCODED_SIG}`)).toEqual({
      signature: SIG,
      source: 'field',
      format: 'form',
    });
  });

  it('returns null for text without a signature, an empty paste or a huge one', () => {
    expect(extractMmobSignature('hello world')).toBeNull();
    expect(extractMmobSignature('   ')).toBeNull();
    expect(extractMmobSignature('cp_id=1&email=a%40b.co')).toBeNull();
    expect(extractMmobSignature(`It's "not" a snippet: signature`)).toBeNull();
    expect(extractMmobSignature('x'.repeat(1_000_001))).toBeNull();
    expect(extractMmobSignature(`signature: '${SIG}'`.padEnd(1_000_000, ' '))).toMatchObject({ signature: SIG });
  });

  it('stays fast on hostile text of the largest size', () => {
    for (const text of [
      `"'${"'a".repeat(499_000)}`,
      '`'.padEnd(999_999, '\\'),
      '"\\u'.repeat(333_333),
      'a: '.repeat(333_333),
    ]) {
      const start = performance.now();
      extractMmobSignature(text);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
