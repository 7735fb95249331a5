import { describe, expect, it } from 'vitest';
import { extractMmobSignature } from './extract';

const SIG = '1735689600:orCCDd1lwJ4SsZ+fOJ3mn/rgHr/DM/wF3i1IthrE98Y=:a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';

describe('extractMmobSignature', () => {
  it('takes a bare signature as it is', () => {
    expect(extractMmobSignature(`  ${SIG}\n`)).toEqual({ signature: SIG, source: 'bare' });
  });

  it('finds the signature, deployment id and email in a boot snippet', () => {
    const snippet = `<script>
      mmob.boot({
        customerInfo: { email: "stephen.hayes@example.com", first_name: "Stephen" },
        cp_deployment_id: 'cpd_01HZX3K9',
        signature: "${SIG}",
      });
    </script>`;
    expect(extractMmobSignature(snippet)).toEqual({
      signature: SIG,
      cpDeploymentId: 'cpd_01HZX3K9',
      email: 'stephen.hayes@example.com',
      source: 'field',
    });
  });

  it('finds it in JSON', () => {
    expect(extractMmobSignature(JSON.stringify({ cpDeploymentId: 'd1', signature: SIG }))).toEqual({
      signature: SIG,
      cpDeploymentId: 'd1',
      source: 'field',
    });
  });

  it('returns null for text without a signature, an empty paste or a huge one', () => {
    expect(extractMmobSignature('hello world')).toBeNull();
    expect(extractMmobSignature('   ')).toBeNull();
    expect(extractMmobSignature('x'.repeat(1_000_001))).toBeNull();
  });
});
