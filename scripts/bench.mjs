#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --strict] [-- --rounds N]
 *
 * Batch verification against the machine's limit, every figure measured in ONE run, in rounds whose
 * order is rotated (round r starts at job r), each figure printed as its median with min–max over the
 * rounds; a ratio is the median of the per-round ratios (both sides measured minutes apart at most),
 * with its min–max.
 *
 * References: (a) a bare createHmac(…).update(m).digest('base64') loop, 1 core; (b) the fastest pure-Node
 * HMAC loop (pads prepared once + crypto.hash), 1 core; (c) C references (bench/*.c: OpenSSL, 2 threads,
 * byte-identical verdict lines, held so by src/batch/c-reference.test.ts, which also feeds them every mistake
 * the finders name), compiled here with gcc. They run Signet's mistake finders candidate for candidate (for
 * ASCII data): an unexplained mismatch costs the same HMACs on both sides (72 per mmob record, 137 per Eber
 * URL of the bench data).
 * Signet: the built CLI, as a user runs it, on seeded mmob JSONL at 10k / 100k / 1M / 5M records with
 * 10 % and 50 % failing (malformed lines included), and 200k Eber URLs over a DST change; wall time, CPU
 * time and peak RSS from /usr/bin/time. Start-up first: `node -e 0` against CLI commands, in turns.
 * Checks (not timed): Signet's 1M batch output byte for byte against the single verifier's, and the C
 * reference's output against Signet's.
 * Needs the built CLI (npm run build). --quick: 3 rounds, no 5M, 100k for the checks. --strict: exit 1
 * when a target is missed. --profile: instead of timing, where one thread's time goes (a CPU profile of the
 * built CLI verifying inline, its samples sorted into HMAC, finder, parsing, verdict, output, GC, other).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EBER_NOW,
  EBER_SECRET,
  EBER_ZONE,
  generateEber,
  generateMmob,
  FAILING_KINDS,
  MMOB_NOW,
  MMOB_SECRET,
} from '../bench/generate.mjs';

const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
const STRICT = process.argv.includes('--strict');
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : QUICK ? 3 : 5;
const START_ROUNDS = QUICK ? 11 : 31;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'out/cli/signet.cjs');
const BIN = join(ROOT, 'bin/signet.cjs');
if (!existsSync(CLI) || !existsSync(join(ROOT, 'out/cli/batch-worker.cjs'))) {
  process.stderr.write('bench: the CLI is not built; run `npm run build` first.\n');
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('bench: /usr/bin/time is missing (Debian: apt-get install time).\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'signet-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n) => Math.round(n).toLocaleString('en').replace(/,/g, ' ');
const log = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s) => process.stderr.write(`bench: ${s}\n`);
const spread = (xs, f) => `${f(median(xs))}  (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const started = Date.now();

// ---- the commands timed (and profiled) ----
const mmobArgs = (path) => [
  CLI,
  'mmob',
  'verify-batch',
  '--now',
  String(MMOB_NOW),
  '--secret-env',
  'S_MMOB',
  '--no-progress',
  '--summary-json',
  '-',
  '--input',
  path,
];
const eberArgs = (path) => [
  CLI,
  'eber',
  'verify-batch',
  '--timezone',
  EBER_ZONE,
  '--now',
  EBER_NOW,
  '--secret-env',
  'S_EBER',
  '--no-progress',
  '--summary-json',
  '-',
  '--input',
  path,
];
// ---- --profile: where the time goes ----
/**
 * Each sample of a V8 CPU profile goes to the first category that claims it: GC and HMAC by the function
 * running (the hashing is node:crypto's), the others by any function on the stack, so "finder" is the
 * finder's own work and "HMAC" includes the finder's hashing (reported beside it as "finder, all").
 */
const CATEGORIES = [
  ['GC', (leaf) => leaf === '(garbage collector)'],
  [
    'HMAC (node:crypto)',
    (leaf, url) =>
      /^(hash|Hmac|digest|update|getCachedHashId|normalizeAlgorithm|hmacSha256Once|finish)$/.test(leaf) ||
      /internal\/crypto/.test(url),
  ],
  [
    'mistake finder',
    null,
    /^(findMistake|search|digestOf|digestHex|swappedHex|identifierOptions|expiryOptions|joined|messagesOf\$?\d*|mistakenKeys|targetsOf)$/,
  ],
  [
    'record parsing',
    null,
    /^(parseMmobRecord|parseEberRecord|plainMmobObject|parseJsonObject|readPhpQuery|phpUrlDecode|parseCsvLine)$/,
  ],
  ['output (serialize + encode)', null, /^(serializeRecord|push|flush|done)$/],
  ['verdict logic', null, /^(judge|verdict|verifyPrepared|verifyUrl|zoneThatFits|readExpiryInstant|instantOfWall)$/],
  ['reading + chunking', null, /^(readLineChunks|units|countNewlines|verifyLines)$/],
];
async function profileRun(label, args, env) {
  const profDir = mkdtempSync(join(tmpdir(), 'signet-prof-'));
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'ignore',
  });
  const { readdirSync } = await import('node:fs');
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const p = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
  rmSync(profDir, { recursive: true, force: true });
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map();
  let all = 0;
  let finderAll = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i];
    const leaf = byId.get(id).callFrame;
    if (leaf.functionName === '(idle)' || leaf.functionName === '(program)') return;
    const stack = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur).callFrame.functionName);
    if (!stack.some((f) => f === 'verifyChunk' || f === 'runBatch' || f === '(garbage collector)')) return;
    all += dt;
    if (stack.some((f) => CATEGORIES[2][2].test(f))) finderAll += dt;
    const hit = CATEGORIES.find(([, leafTest, stackTest]) =>
      leafTest ? leafTest(leaf.functionName, leaf.url) : stack.some((f) => stackTest.test(f)),
    );
    const name = hit ? hit[0] : 'other';
    totals.set(name, (totals.get(name) ?? 0) + dt);
  });
  log(`  ${label} — ${(all / 1000).toFixed(0)} ms of batch work on one thread:`);
  for (const [name, t] of [...totals].sort((a, b) => b[1] - a[1]))
    log(`    ${name.padEnd(30, '.')} ${((t / all) * 100).toFixed(1).padStart(5)} %`);
  log(
    `    ${'(finder, all: its own + its HMACs)'.padEnd(30, '.')} ${((finderAll / all) * 100).toFixed(1).padStart(5)} %`,
  );
}
if (PROFILE) {
  const profDataDir = mkdtempSync(join(tmpdir(), 'signet-prof-data-'));
  process.on('exit', () => rmSync(profDataDir, { recursive: true, force: true }));
  const env = { S_MMOB: MMOB_SECRET, S_EBER: EBER_SECRET };
  log(`Signet batch profile — Node ${process.version}; the built CLI, verifying inline (--workers 0)`);
  for (const failing of [0.1, 0.5]) {
    const path = join(profDataDir, `mmob-${failing}.jsonl`);
    await generateMmob(path, 200_000, failing);
    await profileRun(`mmob, 200 000 records, ${failing * 100} % failing`, [...mmobArgs(path), '--workers', '0'], env);
  }
  const eberPath = join(profDataDir, 'eber.txt');
  await generateEber(eberPath, 50_000);
  await profileRun('Eber, 50 000 URLs', [...eberArgs(eberPath), '--workers', '0'], env);
  process.exit(0);
}

// ---- the C references ----
const cBinaries = {};
let cMissing = null;
for (const name of ['mmob-verify-batch', 'eber-verify-batch']) {
  const r = spawnSync(
    'gcc',
    [
      '-O2',
      '-pthread',
      '-Wno-deprecated-declarations',
      '-o',
      join(dir, name),
      join(ROOT, 'bench', `${name}.c`),
      '-lcrypto',
    ],
    { encoding: 'utf8' },
  );
  if (r.error || r.status !== 0) {
    cMissing = r.error
      ? `gcc is missing (${r.error.message}; Debian: apt-get install gcc)`
      : `bench/${name}.c does not compile (OpenSSL headers? Debian: apt-get install libssl-dev): ${r.stderr.slice(0, 300)}`;
    break;
  }
  cBinaries[name] = join(dir, name);
}
if (cMissing) {
  const bar = '!'.repeat(100);
  process.stderr.write(
    `\n${bar}\n!!! bench: C REFERENCES SKIPPED: ${cMissing}\n!!! every ratio to (c) is missing and its target NOT MET\n${bar}\n\n`,
  );
}

// ---- start-up, first, on a calm page cache ----
function wallOnce(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
progress('start-up…');
const mmobKey = Buffer.from(MMOB_SECRET, 'base64');
const nonce = '0123456789abcdef0123456789abcdef';
const mmobSig = `${MMOB_NOW}:${createHmac('sha256', mmobKey).update(`${MMOB_NOW}:cp:cpd:a@b.c:${nonce}`).digest('base64')}:${nonce}`;
const eberExpiry = '2030-04-01 12:00:00';
const eberUrl = `https://demo.eber.co/login/hmac?${new URLSearchParams({
  hmac_email: 'a@b.c',
  hmac_hash: createHmac('sha256', EBER_SECRET).update(`a@b.c${eberExpiry}`).digest('hex'),
  hmac_expiry_date: eberExpiry,
})}`;
const senv = { S_MMOB: MMOB_SECRET, S_EBER: EBER_SECRET };
const startCommands = [
  ['node -e 0', ['-e', '0'], 0],
  ['signet eber hash', [BIN, 'eber', 'hash', '--email', 'a@b.c', '--secret-env', 'S_EBER'], 1.3],
  [
    'signet mmob verify',
    [
      BIN,
      'mmob',
      'verify',
      '--signature',
      mmobSig,
      '--cp-id',
      'cp',
      '--deployment-id',
      'cpd',
      '--email',
      'a@b.c',
      '--now',
      String(MMOB_NOW),
      '--secret-env',
      'S_MMOB',
    ],
    1.3,
  ],
  [
    'signet eber verify',
    [BIN, 'eber', 'verify', '--url', eberUrl, '--timezone', EBER_ZONE, '--now', EBER_NOW, '--secret-env', 'S_EBER'],
    1.5,
  ],
];
const startTimes = startCommands.map(() => []);
for (let i = 0; i < START_ROUNDS + 2; i++) {
  for (let j = 0; j < startCommands.length; j++) {
    const k = (i + j) % startCommands.length;
    const ms = wallOnce(startCommands[k][1], senv);
    if (i >= 2) startTimes[k].push(ms);
  }
}

// ---- data ----
progress('generating data…');
const SIZES = QUICK ? [10_000, 100_000, 1_000_000] : [10_000, 100_000, 1_000_000, 5_000_000];
const MIXES = [0.1, 0.5];
const files = {};
for (const failing of MIXES)
  for (const n of SIZES) {
    const path = join(dir, `mmob-${n}-${failing}.jsonl`);
    await generateMmob(path, n, failing);
    files[`${n}-${failing}`] = path;
  }
const emptyFile = join(dir, 'empty.jsonl');
writeFileSync(emptyFile, '');
const N_EBER = 200_000;
const eberFile = join(dir, 'eber-200k.txt');
await generateEber(eberFile, N_EBER);
const N_MESSAGES = 100_000;
const messagesFile = join(dir, 'messages.txt');
writeFileSync(
  messagesFile,
  Array.from(
    { length: N_MESSAGES },
    (_, i) => `${MMOB_NOW - (i % 50)}:cp_7Hq2:cpd_01HZX3K9:user${i}@example.com:${nonce}`,
  ).join('\n'),
);

// ---- jobs ----
/** Runs a command under /usr/bin/time: wall (hrtime), CPU seconds, peak RSS (KB), stderr. */
function timed(command, args, env, stdoutPath = '/dev/null') {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutPath, 'w');
    const timeFile = join(dir, 'time.txt');
    const t = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', out, 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      closeSync(out);
      const [user, sys, rss] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      if (code !== 0 && code !== 1)
        return reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.slice(0, 400)}`));
      resolve({ seconds, cpu: user + sys, rssKb: rss, stderr });
    });
  });
}

const REF_A = `const { createHmac } = require('node:crypto');
  const key = Buffer.from(process.env.S_MMOB, 'base64');
  const ms = require('node:fs').readFileSync(process.env.MESSAGES, 'utf8').split('\\n');
  const pass = (l) => { for (const m of l) createHmac('sha256', key).update(m).digest('base64'); };`;
const REF_B = `const crypto = require('node:crypto');
  const key = Buffer.from(process.env.S_MMOB, 'base64');
  const ms = require('node:fs').readFileSync(process.env.MESSAGES, 'utf8').split('\\n');
  const inner = Buffer.alloc(64 + 2048), outer = Buffer.alloc(96);
  for (let i = 0; i < 64; i++) { inner[i] = (key[i] ?? 0) ^ 0x36; outer[i] = (key[i] ?? 0) ^ 0x5c; }
  const area = inner.subarray(64), enc = new TextEncoder(), views = [];
  const mac = (m) => { const { written } = enc.encodeInto(m, area);
    const d = crypto.hash('sha256', (views[written] ??= inner.subarray(0, 64 + written)), 'latin1');
    for (let i = 0; i < 32; i++) outer[64 + i] = d.charCodeAt(i);
    return crypto.hash('sha256', outer, 'base64'); };
  const pass = (l) => { for (const m of l) mac(m); };`;
const REF_TAIL = `pass(ms.slice(0, 5000)); const t = process.hrtime.bigint(); pass(ms); pass(ms);
  process.stdout.write(String(2 * ms.length / (Number(process.hrtime.bigint() - t) / 1e9)));`;
function reference(code) {
  const r = spawnSync(process.execPath, ['-e', `${code}\n${REF_TAIL}`], {
    env: { PATH: process.env.PATH, S_MMOB: MMOB_SECRET, MESSAGES: messagesFile },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`reference failed: ${r.stderr}`);
  return { rate: Number(r.stdout) };
}

async function signet(args, n) {
  const r = await timed(process.execPath, args, senv);
  const summary = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{')));
  if (summary.lines !== n) throw new Error(`expected ${n} lines, the batch read ${summary.lines}`);
  return { ...r, rate: n / r.seconds, perCpu: n / r.cpu, workers: summary.workers };
}
async function cref(name, args, n, env = {}) {
  const r = await timed(cBinaries[name], args, env);
  if (JSON.parse(r.stderr.trim().split('\n').at(-1)).records !== n) throw new Error(`${name}: wrong record count`);
  return { ...r, rate: n / r.seconds, perCpu: n / r.cpu };
}

const jobs = [];
const results = new Map();
const job = (key, run, maxRounds = Infinity) => jobs.push({ key, run, maxRounds });
job('refA', async () => reference(REF_A));
job('refB', async () => reference(REF_B));
job('empty', () => signet(mmobArgs(emptyFile), 0));
for (const failing of MIXES)
  for (const n of SIZES)
    job(`signet-${n}-${failing}`, () => signet(mmobArgs(files[`${n}-${failing}`]), n), n >= 5_000_000 ? 3 : Infinity);
job('signet-eber', () => signet(eberArgs(eberFile), N_EBER));
if (!cMissing) {
  for (const failing of MIXES)
    job(`c-1000000-${failing}`, () =>
      cref('mmob-verify-batch', [files[`1000000-${failing}`], MMOB_SECRET, String(MMOB_NOW), '60', '2'], 1_000_000),
    );
  job('c-eber', () =>
    cref('eber-verify-batch', [eberFile, EBER_SECRET, String(Date.parse(EBER_NOW) / 1000), '2'], N_EBER, {
      TZ: EBER_ZONE,
    }),
  );
}

for (let round = 0; round < ROUNDS; round++) {
  progress(`round ${round + 1} of ${ROUNDS}…`);
  for (let j = 0; j < jobs.length; j++) {
    const { key, run, maxRounds } = jobs[(round + j) % jobs.length];
    if (round >= maxRounds) continue;
    const r = await run();
    if (!results.has(key)) results.set(key, []);
    const list = results.get(key);
    list.round ??= [];
    list.push(r);
    list.round.push(round);
  }
}

// ---- checks (not timed) ----
progress('checks: batch output against the single verifier and the C reference…');
const CHECK_N = QUICK ? 100_000 : 1_000_000;
const checks = [];
{
  const path = files[`${CHECK_N}-0.1`];
  const batchOut = join(dir, 'batch-out.jsonl');
  await timed(process.execPath, mmobArgs(path), senv, batchOut);
  const batchLines = readFileSync(batchOut, 'utf8').split('\n');
  const { register } = await import('tsx/esm/api');
  register();
  const { verifyMmob } = await import('../src/core/node/mmob/verify.ts');
  let differ = 0;
  let first = null;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.length === 0) return;
      let expected;
      try {
        const o = JSON.parse(text);
        const r = verifyMmob({ ...o, secret: MMOB_SECRET, now: MMOB_NOW });
        expected = JSON.stringify({
          line: i + 1,
          valid: r.valid,
          codes: r.codes,
          hints: r.hints,
          summary: r.details.summary,
        });
      } catch (e) {
        expected = JSON.stringify({
          line: i + 1,
          valid: false,
          error: { code: 'JSON_INVALID', message: `Not valid JSON: ${e.message}.` },
        });
      }
      if (batchLines[i] !== expected) {
        differ++;
        first ??= `line ${i + 1}: batch ${batchLines[i]} / single ${expected}`;
      }
    });
  checks.push([
    `batch output = single verifier's, ${fmt(CHECK_N)} records byte for byte`,
    differ === 0,
    differ === 0 ? 'identical' : `${differ} lines differ; first ${first}`,
  ]);
  if (!cMissing) {
    const cOut = join(dir, 'c-out.jsonl');
    await timed(cBinaries['mmob-verify-batch'], [path, MMOB_SECRET, String(MMOB_NOW), '60', '2'], {}, cOut);
    const same = readFileSync(cOut).equals(readFileSync(batchOut));
    checks.push([`C reference output = batch output, ${fmt(CHECK_N)} records`, same, same ? 'identical' : 'DIFFERENT']);
  }
}

// ---- report ----
const get = (key) => results.get(key) ?? [];
const rates = (key) => get(key).map((r) => r.rate);
/** Per-round ratio of two jobs (rounds where both ran). */
function pairedRatios(num, den, f = (r) => r.rate) {
  const d = new Map(get(den).map((r, i) => [get(den).round[i], f(r)]));
  return get(num)
    .map((r, i) => [get(num).round[i], f(r)])
    .filter(([round]) => d.has(round))
    .map(([round, v]) => v / d.get(round));
}
const row = (label, value) => log(`  ${label.padEnd(64, '.')} ${value}`);
const x2 = (v) => `${v.toFixed(2)}×`;
const targets = [];
const target = (name, values, ok, f = x2) => {
  const m = values.length ? median(values) : NaN;
  targets.push([name, values.length ? spread(values, f) : 'not measured', values.length > 0 && ok(m)]);
};

const cpu = cpus()[0]?.model ?? 'unknown CPU';
log(
  `Signet batch benchmark — Node ${process.version}, ${availableParallelism()} cores (${cpu})${QUICK ? ', --quick' : ''}`,
);
log(
  `  ${ROUNDS} rounds in rotated order (5M: at most 3); each figure: median (min–max over rounds); ratios: median of per-round ratios`,
);
log(
  `  mmob data: seeded JSONL; failing records are ${FAILING_KINDS.map(([k, p]) => `${Math.round(p * 100)} % ${k}`).join(', ')}`,
);
log(
  `  Eber data: ${fmt(N_EBER)} URLs, zone ${EBER_ZONE}, expiries ±36 h around ${EBER_NOW} (the spring-forward change), 10 % hash mismatch`,
);
if (cMissing) log(`  !!! C REFERENCES SKIPPED: ${cMissing}`);
log();
log('start-up (wall ms; ratio to node -e 0 per round):');
const nodeStart = startTimes[0];
startCommands.forEach(([label, , limit], k) => {
  const ratios = startTimes[k].map((t, i) => t / nodeStart[i]);
  row(
    label,
    `${spread(startTimes[k], (v) => v.toFixed(1))} ms${k ? `; ratio ${spread(ratios, (v) => v.toFixed(2))}` : ''}`,
  );
  if (limit) target(`${label} ≤ ${limit} × node -e 0`, ratios, (m) => m <= limit);
});
log();
log('references (1 core, 100 000 canonical mmob messages):');
row('(a) createHmac(…).update(m).digest(base64) loop', `${spread(rates('refA'), fmt)} ops/s`);
row('(b) prepared pads + crypto.hash loop', `${spread(rates('refB'), fmt)} ops/s`);
if (!cMissing) {
  for (const failing of MIXES)
    row(
      `(c) C verify-batch, 2 threads, 1M, ${failing * 100} % failing`,
      `${spread(rates(`c-1000000-${failing}`), fmt)} records/s; ${fmt(median(get(`c-1000000-${failing}`).map((r) => r.perCpu)))} per CPU-s`,
    );
  row('(c) Eber C verify-batch, 2 threads, 200k URLs', `${spread(rates('c-eber'), fmt)} records/s`);
}
log();
log('Signet mmob verify-batch (built CLI; records/s | records per CPU-second | peak RSS | workers):');
for (const failing of MIXES)
  for (const n of SIZES) {
    const rs = get(`signet-${n}-${failing}`);
    row(
      `${fmt(n)} records, ${failing * 100} % failing`,
      `${spread(
        rs.map((r) => r.rate),
        fmt,
      )} | ${fmt(median(rs.map((r) => r.perCpu)))} | ${(Math.max(...rs.map((r) => r.rssKb)) / 1024).toFixed(0)} MB | ${rs[0].workers}`,
    );
  }
row(
  'empty file',
  `${spread(
    get('empty').map((r) => r.seconds * 1000),
    (v) => v.toFixed(0),
  )} ms`,
);
{
  const rs = get('signet-eber');
  row(
    `Eber verify-batch, ${fmt(N_EBER)} URLs`,
    `${spread(rates('signet-eber'), fmt)} | ${fmt(median(rs.map((r) => r.perCpu)))} | ${(Math.max(...rs.map((r) => r.rssKb)) / 1024).toFixed(0)} MB | ${rs[0].workers}`,
  );
}
log();
log('ratios (Signet 1M ÷ reference, per round):');
for (const failing of MIXES) {
  const key = `signet-1000000-${failing}`;
  row(`${failing * 100} % failing ÷ (a)`, spread(pairedRatios(key, 'refA'), x2));
  row(`${failing * 100} % failing ÷ (b)`, spread(pairedRatios(key, 'refB'), x2));
  if (!cMissing) row(`${failing * 100} % failing ÷ (c)`, spread(pairedRatios(key, `c-1000000-${failing}`), x2));
}
if (!cMissing) row('Eber ÷ Eber (c)', spread(pairedRatios('signet-eber', 'c-eber'), x2));
log();
target(
  'mmob 1M, 10 % failing ≥ 0.5 × C reference',
  cMissing ? [] : pairedRatios('signet-1000000-0.1', 'c-1000000-0.1'),
  (m) => m >= 0.5,
);
target(
  'mmob 1M, 50 % failing ≥ 0.35 × C reference',
  cMissing ? [] : pairedRatios('signet-1000000-0.5', 'c-1000000-0.5'),
  (m) => m >= 0.35,
);
target('Eber 200k ≥ 0.35 × its C reference', cMissing ? [] : pairedRatios('signet-eber', 'c-eber'), (m) => m >= 0.35);
target(
  '10k records ≤ 1.3 × wall of an empty file',
  pairedRatios('signet-10000-0.1', 'empty', (r) => r.seconds),
  (m) => m <= 1.3,
);
if (!QUICK) {
  const rss = MIXES.flatMap((f) => get(`signet-5000000-${f}`).map((r) => r.rssKb / 1024));
  targets.push([
    'peak RSS at 5M ≤ 200 MB (max over runs)',
    `${Math.max(...rss).toFixed(0)} MB`,
    Math.max(...rss) <= 200,
  ]);
} else targets.push(['peak RSS at 5M ≤ 200 MB', 'not measured (--quick)', false]);
for (const [name, ok, value] of checks) targets.push([name, value, ok]);
for (const [name, value, met] of targets) log(`  target ${name}: ${value} — ${met ? 'MET' : 'NOT MET'}`);
log(
  `  (total ${((Date.now() - started) / 1000).toFixed(0)} s; input sizes: 1M = ${(statSync(files['1000000-0.1']).size / 1e6).toFixed(0)} MB)`,
);
if (STRICT && targets.some(([, , met]) => !met)) process.exitCode = 1;
