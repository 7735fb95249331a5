import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNELS } from '../../shared/contract';
import { makeServices, TEST_ORIGIN } from '../../testing/main-services';
import { STORE_NAME } from '../vault/store-file';
import { join } from 'node:path';

const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};
const MMOB = {
  cpId: 'cp_1',
  cpDeploymentId: 'cpd_1',
  defaultEmail: '',
  marketplaceUrl: 'https://marketplace.example.com',
  securityLevel: 'SECURE_IDENTITY' as const,
};

describe('the IPC gate', () => {
  it('refuses messages from subframes and foreign origins', async () => {
    const s = await makeServices();
    for (const sender of [
      { url: `${TEST_ORIGIN}/index.html`, isTopFrame: false },
      { url: 'https://evil.example/', isTopFrame: true },
      { url: 'file:///tmp/x.html', isTopFrame: true },
    ]) {
      expect(await s.call('profiles:list', {}, sender)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) },
      });
    }
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const s = await makeServices();
    expect(await s.call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await s.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses oversized payloads before validating them', async () => {
    const s = await makeServices();
    const r = await s.call('eber:verify', {
      intent: 'submit',
      secret: 's',
      url: 'x'.repeat(3_000_000),
      timezone: 'UTC',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('larger than') },
    });
  });

  it('turns an unexpected failure into INTERNAL without the raw error', async () => {
    const s = await makeServices();
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'x' });
    // Break the vault underneath the handler.
    (s.vault as unknown as { profiles: unknown }).profiles = null;
    const r2 = await s.call('profiles:rename', { id: p.id, name: 'n' });
    expect(r2).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Signet hit an unexpected problem with this operation. Nothing was changed.',
      },
    });
    expect(s.logs.join('\n')).toContain('profiles:rename failed with an unexpected TypeError');
  });
});

describe('a secret never leaves main', () => {
  it('a canary secret is absent from every response, history entry, log line, error and the store bytes', async () => {
    const CANARY_EBER = 'CANARY-eber-91b2c3d4e5';
    const CANARY_MMOB = Buffer.from('CANARY-mmob-secret-bytes-0001').toString('base64');
    const s = await makeServices();
    const responses: unknown[] = [];
    const call = async (channel: string, payload: unknown) => {
      const r = await s.call(channel, payload);
      responses.push(r);
      return r;
    };
    const e = (
      (await call('profiles:create', { kind: 'eber', name: 'E', settings: EBER, secret: CANARY_EBER })) as {
        data: { profile: { id: string } };
      }
    ).data.profile.id;
    const m = (
      (await call('profiles:create', { kind: 'mmob', name: 'M', settings: MMOB, secret: CANARY_MMOB })) as {
        data: { profile: { id: string } };
      }
    ).data.profile.id;
    await call('profiles:duplicate', { id: e });
    await call('profiles:list', {});
    await call('profiles:export', {});
    await call('profiles:copySecret', { id: e });
    for (const ref of [{ profileId: m }, { secret: CANARY_MMOB }]) {
      const signed = (await call('mmob:sign', {
        intent: 'submit',
        ...ref,
        cpId: 'cp_1',
        cpDeploymentId: 'cpd_1',
        email: 'a@b.co',
      })) as {
        data: { signature: string };
      };
      await call('mmob:verify', {
        intent: 'submit',
        ...ref,
        signature: signed.data.signature,
        cpId: 'cp_1',
        cpDeploymentId: 'cpd_1',
        email: 'x@b.co',
      });
      await call('mmob:verify', {
        intent: 'submit',
        ...ref,
        signature: 'garbage',
        cpId: 'cp_1',
        cpDeploymentId: 'cpd_1',
      });
      await call('mmob:snippet', {
        intent: 'submit',
        ...ref,
        securityLevel: 'SECURE_IDENTITY',
        cpId: 'cp_1',
        cpDeploymentId: 'cpd_1',
        location: 'home',
        marketplaceUrl: 'https://m.example.com',
        customerInfo: { email: 'a@b.co' },
      });
      await call('mmob:sign', { intent: 'submit', ...ref, cpId: '', cpDeploymentId: 'cpd_1' }); // an input error
    }
    for (const ref of [{ profileId: e }, { secret: CANARY_EBER }]) {
      await call('eber:hash', {
        intent: 'submit',
        ...ref,
        identifierType: 'email',
        identifier: 'a@b.co',
        expiresInMinutes: 5,
        timezone: 'UTC',
      });
      const url = (await call('eber:url', {
        intent: 'submit',
        ...ref,
        baseUrl: 'https://demo.eber.co',
        identifierType: 'email',
        identifier: 'a+b@c.co',
      })) as { data: { url: string } };
      await call('eber:verify', { intent: 'submit', ...ref, url: url.data.url.replace('%2B', '+'), timezone: 'UTC' });
      await call('eber:verify', { intent: 'submit', ...ref, url: 'junk', timezone: 'UTC' });
      await call('eber:url', {
        intent: 'submit',
        ...ref,
        baseUrl: 'http://x',
        identifierType: 'email',
        identifier: 'a',
      }); // an input error
    }
    await call('profiles:setSecret', { id: e, secret: '' }); // invalid input containing no secret
    await call('history:list', {});
    await call('app:info', {});

    const everything = JSON.stringify({ responses, history: s.vault.history(), logs: s.logs });
    for (const canary of [CANARY_EBER, CANARY_MMOB, 'CANARY']) expect(everything).not.toContain(canary);
    const bytes = readFileSync(join(s.dir, `${STORE_NAME}.json`));
    expect(bytes.includes('CANARY')).toBe(false);
    expect(bytes.includes(CANARY_MMOB)).toBe(false);
    // The history holds the operations, with where the secret came from.
    const kinds = s.vault.history().map((h) => `${h.kind} ${h.secretSource}`);
    expect(kinds).toContain('mmob:sign profile M');
    expect(kinds).toContain('eber:verify one-off secret');
    // The copied secret went to the clipboard (main-side) and is cleared after 30 s if unchanged.
    expect(s.clipboard.text).toBe(CANARY_EBER);
    expect(s.timers[0]?.ms).toBe(30_000);
    s.timers[0]!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.clipboard.text).toBe('');
  });

  it('does not clear the clipboard if the user copied something else meanwhile', async () => {
    const s = await makeServices();
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'sek' });
    await s.call('profiles:copySecret', { id: p.id });
    s.clipboard.text = 'something else';
    s.timers[0]!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.clipboard.text).toBe('something else');
  });
});

describe('fuzzing every channel', () => {
  const RUNS = 10_000;
  const keys = fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'profileId',
    'secret',
    'id',
    'name',
    'kind',
    'settings',
    'url',
    'json',
    'text',
    'signature',
    'cpId',
    'timezone',
    'now',
    'identifier',
    'identifierType',
  );
  /** Own "__proto__"/"constructor" keys the way JSON.parse makes them: the classic pollution vector. */
  const pollutingJson = fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.dictionary(keys, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    )
    .map(
      ([key, rest]) =>
        JSON.parse(
          `{"${key}": {"polluted": true, "prototype": {"polluted": true}}, ${JSON.stringify(rest).slice(1)}`.replace(
            ', }',
            '}',
          ),
        ) as unknown,
    );
  const payloadArb = fc.oneof(
    fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      maxDepth: 3,
    }),
    fc.dictionary(keys, fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
    fc.dictionary(keys, fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)), { maxKeys: 6 }),
    pollutingJson,
  );
  const builtins = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
  const snapshot = () => builtins.map((p) => Reflect.ownKeys(p).map(String).sort().join(','));

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: ${RUNS} random payloads get INVALID_INPUT (or a valid answer), never a crash or pollution`, async () => {
      // In-memory store: the gate is under test here, not the file format (covered with the real file above).
      const s = await makeServices();
      const before = snapshot();
      let invalid = 0;
      let polluting = 0;
      await fc.assert(
        fc.asyncProperty(payloadArb, async (payload) => {
          const r = await s.call(channel, payload);
          expect(typeof r.ok).toBe('boolean');
          if (typeof payload === 'object' && payload !== null && Object.hasOwn(payload, '__proto__')) polluting++;
          if (!CHANNELS[channel].request.safeParse(payload).success) {
            invalid++;
            // The envelope names the offending field when the schema knows it (the form shows the message there).
            const field = !r.ok && r.error.field !== undefined ? { field: expect.any(String) } : {};
            expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String), ...field } });
          } else if (!r.ok) {
            expect(r.error.code).not.toBe('INTERNAL');
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(snapshot()).toEqual(before);
        }),
        { numRuns: RUNS },
      );
      // Most random payloads are invalid; the rest (e.g. `{}` for a no-argument channel) get real answers.
      expect(invalid).toBeGreaterThan(RUNS * 0.7);
      expect(polluting).toBeGreaterThan(RUNS * 0.1);
      console.info(
        `fuzz ${channel}: ${RUNS} payloads, ${invalid} INVALID_INPUT, ${polluting} with an own __proto__ key`,
      );
    });
  }
});

describe('fuzzing the handlers behind the gate (well-formed requests, hostile values)', () => {
  const RUNS = 1_000;
  const CANARY = 'CANARYfuzzSECRET0123456789abcdef';
  const str = (max = 40) => fc.string({ unit: 'binary', maxLength: max });
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const secretRef = fc.oneof(
    fc.constant({ secret: CANARY }),
    fc.constant({ profileId: 'PROFILE' }),
    fc.constant({ profileId: 'EBERPROFILE' }),
  );
  const instant = fc.oneof(
    str(30),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const tz = fc.oneof(fc.constantFrom('UTC', 'Asia/Singapore', 'America/St_Johns', 'Not/AZone', ''), str(20));
  const expiry = fc.oneof(
    str(19),
    fc.constantFrom('2030-01-15 09:00:00', '2030-02-30 25:61:61', '0000-00-00 00:00:00'),
  );

  const ops: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    'mmob:sign': fc.record({
      ref: secretRef,
      cpId: str(),
      cpDeploymentId: str(),
      email: maybe(str()),
      timestamp: maybe(fc.integer({ min: 0, max: 99_999_999_999_999 })),
      nonce: maybe(str(60)),
    }),
    'mmob:verify': fc.record({
      ref: secretRef,
      signature: fc.oneof(
        str(200),
        fc.tuple(fc.integer(), str(50), str(50)).map(([a, b, c]) => `${a}:${b}:${c}`),
      ),
      cpId: str(),
      cpDeploymentId: str(),
      email: maybe(str()),
      now: maybe(fc.integer({ min: 0, max: 99_999_999_999_999 })),
      toleranceSeconds: maybe(fc.integer({ min: 0, max: 31_536_000 })),
    }),
    'mmob:snippet': fc.record({
      ref: secretRef,
      securityLevel: fc.constantFrom('Basic', 'CSP', 'SECURE_IDENTITY', 'SECURE_IDENTITY_DEBUG'),
      cpId: str(),
      cpDeploymentId: str(),
      location: str(),
      marketplaceUrl: fc.oneof(str(), fc.webUrl()),
      customerInfo: fc.record({ email: str(), first_name: str(), postcode: str(20) }, { requiredKeys: [] }),
      timestamp: maybe(fc.integer({ min: 0, max: 99_999_999_999_999 })),
    }),
    'eber:hash': fc.record({
      ref: secretRef,
      identifierType: fc.constantFrom('email', 'phone', 'customId'),
      identifier: str(),
      expiry: maybe(expiry),
      expiresInMinutes: maybe(fc.integer({ min: 1, max: 525_600 })),
      timezone: maybe(tz),
    }),
    'eber:url': fc.record({
      ref: secretRef,
      baseUrl: maybe(fc.oneof(str(), fc.webUrl())),
      identifierType: fc.constantFrom('email', 'phone', 'customId'),
      identifier: str(),
      phoneCode: maybe(str(8)),
      expiry: maybe(expiry),
      expiresInMinutes: maybe(fc.integer({ min: 1, max: 525_600 })),
      timezone: maybe(tz),
    }),
    'eber:verify': fc.record({
      ref: secretRef,
      url: fc.oneof(
        str(300),
        fc.webUrl({ withQueryParameters: true }),
        fc.webQueryParameters().map((q) => `https://demo.eber.co/login/hmac?${q}&hmac_hash=abc`),
      ),
      timezone: maybe(tz),
      now: maybe(instant),
    }),
    'shell:openExternal': fc.record({
      url: fc.oneof(
        str(),
        fc.webUrl(),
        fc.webUrl().map((u) => u.replace(/^https?/, 'https')),
      ),
    }),
  };

  for (const [channel, arb] of Object.entries(ops)) {
    it(`${channel}: ${RUNS} well-formed hostile requests get an answer or a specific error, never INTERNAL, never the secret`, async () => {
      const s = await makeServices();
      const mmob = await s.vault.create({
        kind: 'mmob',
        name: 'M',
        settings: MMOB,
        secret: Buffer.from(CANARY).toString('base64'),
      });
      const eber = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: CANARY });
      const codes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(arb, async ({ ref, ...rest }) => {
          const refObj = (ref ?? {}) as Record<string, string>;
          const resolved =
            refObj.profileId === 'PROFILE'
              ? { profileId: mmob.id }
              : refObj.profileId === 'EBERPROFILE'
                ? { profileId: eber.id }
                : refObj;
          const payload = JSON.parse(JSON.stringify({ ...resolved, ...rest })) as unknown; // drops undefined keys
          const r = await s.call(channel, payload);
          const code = r.ok ? 'ok' : r.error.code;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          expect(code).not.toBe('INTERNAL');
          const text = JSON.stringify(r);
          expect(text).not.toContain(CANARY);
          expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
        }),
        { numRuns: RUNS },
      );
      expect(JSON.stringify({ history: s.vault.history(), logs: s.logs })).not.toContain(CANARY);
      console.info(`handler fuzz ${channel}: ${JSON.stringify(Object.fromEntries(codes))}`);
    });
  }
});

describe('errors carry the field they are about, so a form can show them there', () => {
  it('from the schema, from the core, and from the shared option rules', async () => {
    const s = await makeServices();
    const tooLong = await s.call('eber:hash', {
      intent: 'submit',
      secret: 's',
      identifierType: 'email',
      identifier: 'x'.repeat(5000),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'identifier' } });
    const badExpiry = await s.call('eber:hash', {
      intent: 'submit',
      secret: 's',
      identifierType: 'email',
      identifier: 'a@b.co',
      expiry: '2030-02-30 00:00:00',
    });
    expect(badExpiry).toMatchObject({ ok: false, error: { code: 'EXPIRY_FORMAT', field: 'expiry' } });
    const noZone = await s.call('eber:url', {
      intent: 'submit',
      secret: 's',
      baseUrl: 'https://demo.eber.co',
      identifierType: 'email',
      identifier: 'a@b.co',
      expiresInMinutes: 5,
    });
    expect(noZone).toEqual({
      ok: false,
      error: {
        code: 'TIMEZONE_REQUIRED',
        field: 'timezone',
        message: '"expires in N minutes" needs the business\'s time zone, e.g. Asia/Singapore.',
      },
    });
  });

  it('batch:start refuses a format the scheme cannot read (mmob has no "lines")', async () => {
    const s = await makeServices();
    const r = await s.call('batch:start', {
      secret: 'c2VjcmV0',
      path: '/tmp/x.jsonl',
      scheme: 'mmob',
      format: 'lines',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'format' } });
  });
});
