import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { plainIssue, type IssueLike } from './plain-issue';

const first = (channel: keyof typeof CHANNELS, payload: unknown) => {
  const r = CHANNELS[channel].request.safeParse(payload);
  if (r.success) throw new Error('expected a refusal');
  return plainIssue(r.error.issues[0] as IssueLike, payload);
};

describe('plainIssue', () => {
  it('says the limit and the actual length, with no channel name or zod wording', () => {
    const m = first('eber:verify', { secret: 's', url: 'x'.repeat(20_000), timezone: 'UTC' });
    expect(m).toBe('The URL is too long: at most 16,384 characters (this one has 20,000).');
  });

  it('names an empty or missing field in plain words', () => {
    expect(first('mmob:sign', { secret: 's', cpId: 'a', email: '' })).toMatch(/^cpDeploymentId is missing/);
    for (const m of [
      first('mmob:sign', { secret: 's', cpId: 'a', email: '' }),
      first('eber:verify', { secret: 's', url: 'x'.repeat(20_000), timezone: 'UTC' }),
    ]) {
      expect(m).not.toMatch(/Invalid request|Too big|expected string|:\s*Invalid/);
    }
  });
});
