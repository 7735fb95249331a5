/**
 * The receiver's throughput and latency, measured as a user runs it: the built `signet listen` in its own process,
 * driven from this one with N concurrent requests (half Eber GET /login/hmac, half mmob POST /boot, each with a
 * unique identifier), repeated for a few rounds. Every answer is checked against its capture line: none lost, none
 * mixed up. Loopback only.
 *
 *   npm run build && npx tsx src/capture/bench.ts [N=1000] [rounds=3]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { hashEber } from '../core/node/eber/hash';
import { signMmob } from '../core/node/mmob/sign';

const N = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 3);
const BIN = fileURLToPath(new URL('../../bin/signet.cjs', import.meta.url));
const EBER = randomBytes(16).toString('hex');
const MMOB = randomBytes(32).toString('base64');

const child = spawn(
  process.execPath,
  [BIN, 'listen', '--eber-secret-env', 'E', '--timezone', 'UTC', '--mmob-secret-env', 'M', '--tolerance', '600', '--json'],
  { env: { PATH: process.env.PATH ?? '', E: EBER, M: MMOB }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: child.stdout });
const captured = new Map<string, { scheme: string; verdict: string }>();
let onListening: (base: string) => void;
const listening = new Promise<string>((r) => (onListening = r));
lines.on('line', (line) => {
  const o = JSON.parse(line) as { listening?: { baseUrl: string }; id?: number; scheme: string; verdict: string; identifier: string };
  if (o.listening) onListening(o.listening.baseUrl);
  else if (o.id !== undefined) captured.set(o.identifier, { scheme: o.scheme, verdict: o.verdict });
});

const pad = (n: number) => String(n).padStart(2, '0');
function utcExpiry(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The receiver process's CPU time so far (Linux /proc; null elsewhere), in ms. */
function serverCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, at USER_HZ = 100
  } catch {
    return null;
  }
}

async function round(base: string, r: number) {
  const cpu0 = serverCpuMs();
  const expiry = utcExpiry(new Date(Date.now() + 3_600_000));
  const now = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: N }, (_, i) => {
    const email = `r${r}.u${i}@example.com`;
    if (i % 2 === 0) {
      const hash = hashEber({ secret: EBER, identifierType: 'email', identifier: email, expiry });
      return { email, url: `${base}/login/hmac?hmac_email=${encodeURIComponent(email)}&hmac_hash=${hash}&hmac_expiry_date=${encodeURIComponent(expiry)}`, init: undefined };
    }
    const signature = signMmob({ secret: MMOB, cpId: 'cp', cpDeploymentId: 'cpd', email, timestamp: now }).signature;
    const body = new URLSearchParams({ cp_id: 'cp', cp_deployment_id: 'cpd', signature, page: 'p', email });
    return { email, url: `${base}/boot`, init: { method: 'POST', body } };
  });
  const latencies: number[] = [];
  const t0 = performance.now();
  const answers = await Promise.all(
    requests.map(async (q) => {
      const start = performance.now();
      const res = await fetch(q.url, q.init);
      await res.text();
      latencies.push(performance.now() - start);
      return { email: q.email, status: res.status, verdict: res.headers.get('x-signet-verdict') };
    }),
  );
  const wall = performance.now() - t0;
  // Wait for the last capture lines (stdout through a pipe may lag the answers).
  for (let i = 0; i < 100 && captured.size < (r + 1) * N; i++) await new Promise((res) => setTimeout(res, 100));
  const cpu1 = serverCpuMs();
  const cpuPerRequest = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / N;
  const bad = answers.filter((a) => a.status !== 200 || a.verdict !== 'valid' || captured.get(a.email)?.verdict !== 'valid');
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(N - 1, Math.ceil(N * p) - 1)]!;
  return { rps: N / (wall / 1000), p50: at(0.5), p95: at(0.95), max: latencies.at(-1)!, wall, bad: bad.length, cpuPerRequest };
}

const base = await listening;
const results = [];
for (let r = 0; r < ROUNDS; r++) {
  const x = await round(base, r);
  results.push(x);
  console.log(
    `round ${r + 1}: ${N} concurrent → ${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms, wall ${x.wall.toFixed(0)} ms, receiver CPU ${x.cpuPerRequest?.toFixed(2) ?? '?'} ms/request, not matched ${x.bad}`,
  );
}
const median = <T>(xs: T[], key: (x: T) => number) => xs.map(key).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `median of ${ROUNDS}: ${median(results, (x) => x.rps).toFixed(0)} req/s, p95 ${median(results, (x) => x.p95).toFixed(1)} ms; captures ${captured.size}/${N * ROUNDS}`,
);
child.kill('SIGINT');
process.exitCode = results.every((x) => x.bad === 0) && captured.size === N * ROUNDS ? 0 : 1;
