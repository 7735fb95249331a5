// Seeded data for the benchmark and the C reference's byte-identity test (same file every run).
import { createHmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';

export const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
export const MMOB_NOW = 1_735_689_600;
export const EBER_SECRET = 'Eb3r-Pub1ic-Test-Key';

export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shares of the failing records (they sum to 1). */
export const FAILING_KINDS = [
  ['stale', 0.4],
  ['nonce of the wrong length', 0.2],
  ['malformed signature', 0.15],
  ['HMAC mismatch, no known mistake (finder runs, 72 HMACs)', 0.1],
  ['HMAC mismatch, email letter case (finder finds it)', 0.05],
  ['line that is not JSON', 0.1],
];

async function writeLines(path, n, lineAt) {
  const out = createWriteStream(path);
  let batch = [];
  for (let i = 0; i < n; i++) {
    batch.push(lineAt(i));
    if (batch.length === 10_000) {
      if (!out.write(batch.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      batch = [];
    }
  }
  out.write(batch.length ? batch.join('\n') + '\n' : '');
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

/** n mmob JSONL records, `failing` of them (0..1) not valid, spread over FAILING_KINDS. */
export function generateMmob(path, n, failing) {
  const random = rng(42);
  const key = Buffer.from(MMOB_SECRET, 'base64');
  const cum = [];
  let acc = 0;
  for (const [, p] of FAILING_KINDS) cum.push((acc += p * failing));
  return writeLines(path, n, (i) => {
    const r = random();
    const kind = r < failing ? cum.findIndex((c) => r < c) : -1;
    const email = `user${i}@example.com`;
    const nonce =
      kind === 1 ? 'short-nonce' : `${(i * 2654435761) % 4294967296}`.padStart(10, '0').repeat(4).slice(0, 32);
    // Stale by 4 834 s: not within two minutes of any zone offset, so a record is just stale, not the
    // TIMESTAMP_OFF_BY_HOURS mistake (local time taken for Unix time): the failing kinds keep their shares.
    const ts = kind === 0 ? MMOB_NOW - 3600 - 1234 : MMOB_NOW - (i % 50);
    const signed = kind === 4 ? email.toUpperCase() : email;
    const mac = createHmac('sha256', key).update(`${ts}:cp_7Hq2:cpd_01HZX3K9:${signed}:${nonce}`).digest('base64');
    const record = { signature: `${ts}:${mac}:${nonce}`, cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9', email };
    if (kind === 2) record.signature = `${ts}:${mac}`;
    if (kind === 3) record.email = `x${email}`;
    if (kind === 5) return `{"signature": "${ts}:${mac}:${nonce}", "cpId": `;
    return JSON.stringify(record);
  });
}

/**
 * n Eber login URLs, business zone Europe/London, expiries from 36 hours before to 36 hours after the clock
 * (2030-03-31T01:00Z, the spring-forward change; none in the last 16 hours), so about half are expired and many
 * hours are touched;
 * 10 % carry a changed email (hash mismatch).
 */
export const EBER_ZONE = 'Europe/London';
export const EBER_NOW = '2030-03-31T01:00:00Z';
export function generateEber(path, n) {
  const random = rng(7);
  const base = Date.parse(EBER_NOW);
  const pad = (x) => String(x).padStart(2, '0');
  return writeLines(path, n, (i) => {
    const email = `member${i}@example.com`;
    // Wall time in London: UTC before 2030-03-31T01:00Z, UTC+1 after.
    // Future expiries up to 36 h ahead (over the DST change); past ones 16–36 h ago, further than any zone's
    // offset from London, so an expired link never reads as "valid if written in another zone" (a hint the C
    // reference does not name).
    const spread = (random() * 2 - 1) * 36 * 3600;
    const t = base + Math.floor(spread < 0 ? -16 * 3600 + spread * (20 / 36) : spread) * 1000;
    const d = new Date(t + (t >= base ? 3600_000 : 0));
    const expiry = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const hash = createHmac('sha256', EBER_SECRET)
      .update(email + expiry)
      .digest('hex');
    const params = new URLSearchParams({
      hmac_email: i % 10 === 3 ? `x${email}` : email,
      hmac_hash: hash,
      hmac_expiry_date: expiry,
    });
    return `https://demo.eber.co/login/hmac?${params}`;
  });
}
