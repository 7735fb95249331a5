/**
 * `signet listen` and `signet verify-har`, in process (the receiver and real loopback traffic included), and
 * `listen` once as the built command a user runs, stopped with a real SIGINT.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { hashEber } from '../core/node/eber/hash';
import { signMmob } from '../core/node/mmob/sign';
import { PROJECT_ROOT } from '../testing/vectors';
import type { ListenInfo } from '../capture/receiver';
import { listenCommand } from './capture';
import { parseCommandArgs } from './args';
import { runCli } from './program';
import type { CliIo } from './io';

const EBER_SECRET = 'Eb3r-CLI-Capture-Secret';
const MMOB_SECRET = Buffer.from('mmob-cli-capture-secret').toString('base64');
const NOW = new Date('2030-01-15T00:00:00Z');
const EXPIRY = '2030-01-15 09:30:00';
const env = { EBER_S: EBER_SECRET, MMOB_S: MMOB_SECRET };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env,
    readFile: (p) => readFileSync(p, 'utf8'),
    readStdin: () => '',
    stderrIsTTY: false,
  };
  return { cli, out, err };
}

const loginQuery = (email: string, secret = EBER_SECRET) =>
  `hmac_email=${encodeURIComponent(email)}&hmac_hash=${hashEber({ secret, identifierType: 'email', identifier: email, expiry: EXPIRY })}&hmac_expiry_date=2030-01-15%2009%3A30%3A00`;
const bootBody = (email: string, nonce?: string) =>
  new URLSearchParams({
    cp_id: 'cp_1',
    cp_deployment_id: 'cpd_1',
    signature: signMmob({ secret: MMOB_SECRET, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email, timestamp: NOW.getTime() / 1000, nonce }).signature,
    page: 'home',
    email,
  }).toString();

describe('signet listen', () => {
  async function listen(args: string[], traffic: (info: ListenInfo) => Promise<void>) {
    const { cli, out, err } = io();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    let listening!: (info: ListenInfo) => void;
    const ready = new Promise<ListenInfo>((r) => (listening = r));
    const command = listenCommand(cli, () => NOW, { stopSignal: () => stopped, onListening: listening });
    const run = command.run(parseCommandArgs(command.spec, args) as never);
    const info = await ready;
    await traffic(info);
    stop();
    return { outcome: await run, out, err, info };
  }

  it('prints one line per capture until stopped, then the tally', async () => {
    const { outcome, out, err, info } = await listen(
      ['--eber-secret-env', 'EBER_S', '--timezone', 'Asia/Singapore', '--mmob-secret-env', 'MMOB_S'],
      async ({ baseUrl }) => {
        await (await fetch(`${baseUrl}/login/hmac?${loginQuery('a@example.com')}`)).text();
        await (await fetch(`${baseUrl}/login/hmac?${loginQuery('b@example.com', 'wrong')}`)).text();
        await (await fetch(`${baseUrl}/boot`, { method: 'POST', body: new URLSearchParams(bootBody('c@example.com')) })).text();
        await (await fetch(`${baseUrl}/nothing`)).text();
      },
    );
    expect(err.join('')).toContain(`capturing on ${info.baseUrl}`);
    expect(err.join('')).toContain('set marketplace_url to');
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^#1 00:00:00 eber valid +"a@example.com" +Valid login URL/);
    expect(out[1]).toMatch(/^#2 .* invalid .*"b@example.com".*\[HASH_MISMATCH\]/);
    expect(out[2]).toMatch(/^#3 .* mmob valid/);
    expect(outcome).toMatchObject({ exitCode: 1, text: '3 captures: 2 valid, 1 invalid, 0 malformed; refused notFound 1.\n' });
    expect(JSON.stringify({ out, err, outcome })).not.toContain(EBER_SECRET);
  });

  it('--json: {listening}, one entry per line, {summary}; exit 0 when all were valid', async () => {
    const { outcome, out } = await listen(['--mmob-secret-env', 'MMOB_S', '--json'], async ({ baseUrl }) => {
      await (await fetch(`${baseUrl}/boot`, { method: 'POST', body: new URLSearchParams(bootBody('c@example.com')) })).text();
    });
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toHaveProperty('listening.port');
    expect(lines[1]).toMatchObject({ id: 1, scheme: 'mmob', verdict: 'valid', identifier: 'c@example.com' });
    expect(outcome).toMatchObject({ exitCode: 0, json: { summary: { captured: 1, valid: 1 } } });
  });

  it('refuses incomplete options with exit 2 before listening', async () => {
    const run = async (args: string[]) => {
      const { cli, err } = io();
      return { code: await runCli(['listen', ...args], cli), err: err.join('') };
    };
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringContaining('--eber-secret-env') });
    expect(await run(['--eber-secret-env', 'EBER_S'])).toMatchObject({ code: 2, err: expect.stringContaining('--timezone') });
    expect(await run(['--mmob-secret-env', 'MMOB_S', '--forward', 'valid'])).toMatchObject({ code: 2, err: expect.stringContaining('--base-url') });
    expect(await run(['--eber-secret-env', 'EBER_S', '--timezone', 'UTC', '--forward', 'always', '--base-url', 'http://x.eber.co'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('https'),
    });
    expect(await run(['--mmob-secret-env', 'MMOB_S', '--port', '99999'])).toMatchObject({ code: 2, err: expect.stringContaining('port') });
    expect(await run(['--mmob-secret-env', 'NOPE'])).toMatchObject({ code: 2, err: expect.stringContaining('NOPE is not set') });
  });

  it('runs as the built command and stops cleanly on Ctrl-C (SIGINT)', async () => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/signet.cjs'), 'listen', '--mmob-secret-env', 'MMOB_S', '--json'], {
      env: { PATH: process.env.PATH ?? '', MMOB_S: MMOB_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = JSON.parse((await lines.next()).value as string) as { listening: ListenInfo };
    const res = await fetch(`${first.listening.baseUrl}/boot`, { method: 'POST', body: new URLSearchParams(bootBody('d@example.com')) });
    expect(res.status).toBe(200); // the real clock: the 2030 signature is "in the future", still an answer
    const entry = JSON.parse((await lines.next()).value as string) as { identifier: string };
    expect(entry.identifier).toBe('d@example.com');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    const summary = JSON.parse((await lines.next()).value as string) as { summary: { captured: number } };
    expect(summary.summary.captured).toBe(1);
  });
});

describe('signet verify-har', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signet-har-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const entry = (request: Record<string, unknown>, started = '2030-01-15T00:00:10.000Z') => ({ startedDateTime: started, request: { method: 'GET', headers: [], ...request }, response: { status: 200, headers: [] } });
  const boot = (body: string) => entry({ method: 'POST', url: 'http://127.0.0.1:4000/boot', postData: { mimeType: 'application/x-www-form-urlencoded', text: body } });
  const nonce = 'n'.repeat(32);
  const har = JSON.stringify({
    log: {
      entries: [
        entry({ url: `https://demo.eber.co/login/hmac?${loginQuery('a@example.com')}` }),
        entry({ url: 'https://cdn.example.com/app.js' }),
        entry({ url: `http://127.0.0.1:4321/login/hmac?${loginQuery('b@example.com')}` }),
        entry({ url: `https://demo.eber.co/login/hmac?${loginQuery('late@example.com')}` }, '2030-01-15T02:00:00.000Z'),
        boot(bootBody('c@example.com', nonce)),
        boot(bootBody('c@example.com', nonce)),
        boot('cp_id=x'),
      ],
    },
  });
  const harPath = file('session.har', har);
  const run = async (args: string[]) => {
    const { cli, out, err } = io();
    const code = await runCli(['verify-har', ...args], cli, () => NOW);
    return { code, out: out.join(''), err: err.join('') };
  };
  const secrets = ['--eber-secret-env', 'EBER_S', '--timezone', 'Asia/Singapore', '--mmob-secret-env', 'MMOB_S'];

  it('verifies every finding at the time it was recorded, one line each; exit 1 when any is not valid', async () => {
    const r = await run(['--input', harPath, ...secrets]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => /^entry (\d+) (\w+) +(\w+)/.exec(l)!.slice(1).join(' '))).toEqual([
      '0 eber valid',
      '2 eber valid',
      '3 eber invalid',
      '4 mmob valid',
      '5 mmob invalid',
      '6 mmob malformed',
    ]);
    expect(lines[2]).toContain('EXPIRED');
    expect(lines[4]).toContain('NONCE_REUSED');
    expect(lines.at(-1)).toBe('6 findings: 3 valid, 2 invalid, 1 malformed (7 entries).');
  });

  it('--json: one object; a scheme without its secret is listed as not verified; --now overrides', async () => {
    const r = await run(['--input', harPath, '--eber-secret-env', 'EBER_S', '--timezone', 'Asia/Singapore', '--now', '2030-01-15T00:00:00Z', '--json']);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.out) as { findings: { verdict: string }[]; summary: Record<string, number> };
    expect(json.findings.map((f) => f.verdict)).toEqual(['valid', 'valid', 'valid', 'skipped', 'skipped', 'skipped']);
    expect(json.summary).toMatchObject({ entries: 7, findings: 6, valid: 3, skipped: 3 });
    expect(r.code).toBe(0);
  });

  it('says clearly what is wrong with a corrupt, empty, foreign or missing file (exit 2)', async () => {
    const cases: [string, RegExp][] = [
      [file('cut.har', har.slice(0, har.length / 2)), /not valid JSON/],
      [file('empty.har', ''), /empty/],
      [file('other.json', '{"entries": []}'), /no log\.entries/],
      [file('binary.har', '\u0000\u0089PNG\r\n'), /not valid JSON/],
      [join(dir, 'missing.har'), /Cannot read .*missing\.har \(ENOENT\)/],
    ];
    for (const [path, message] of cases) {
      const r = await run(['--input', path, ...secrets]);
      expect(r.code, path).toBe(2);
      expect(r.err, path).toMatch(message);
    }
    // A huge file (sparse: no disk used) is refused by its size, unread.
    const huge = file('huge.har', '');
    truncateSync(huge, 300 * 1024 * 1024);
    const t0 = Date.now();
    expect(await run(['--input', huge, ...secrets])).toMatchObject({ code: 2, err: expect.stringContaining('up to 256 MiB') });
    expect(Date.now() - t0).toBeLessThan(2_000);
    const none = await run(['--input', file('none.har', JSON.stringify({ log: { entries: [entry({ url: 'https://x.example/' })] } })), ...secrets]);
    expect(none).toMatchObject({ code: 0, out: 'No Eber login URLs or mmob boot posts in 1 entries.\n' });
    expect((await run(['--input', harPath])).err).toContain('--mmob-secret-env');
  });
});
