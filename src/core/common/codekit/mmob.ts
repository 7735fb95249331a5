/**
 * mmob Secure Identity: a signer and a verifier per language, as text. Each program reads the secret from an
 * environment variable, uses only its language's standard library and is run by the tests against Signet's
 * own signMmob/verifyMmob (src/core/common/codekit/codekit.run.test.ts).
 *
 * Every program has the same interface:
 *   signer [email]                 prints ts:base64(HMAC):nonce for now and a fresh nonce
 *   verifier SIGNATURE [email]     prints "valid" (exit 0) or "invalid CODE" (exit 1)
 *   either --batch                 test mode: one case per stdin line, fields comma-separated, each base64 of UTF-8
 *                                  signer:   secret cpId cpDeploymentId email ts nonce
 *                                  verifier: secret cpId cpDeploymentId email signature now tolerance
 *                                  (one process remembers the nonces it accepted, so a repeated line is a replay)
 */
import { IO, hashes, kitFiles, kitHeader, runCommand, slashes, type Comment, type Lit } from './langs';
import { literal } from './literals';
import type { CodeLang, CodeRole, MmobKitInputs } from './types';

export const MMOB_MISTAKES = [
  'The key is the secret base64-DECODED (not its text: SECRET_USED_AS_TEXT), decoded leniently like the vendor\'s Node Buffer.from(s, "base64"): url-safe - and _, missing padding and whitespace are accepted, invalid characters skipped, and decoding stops at the first "=".',
  'The message is ts:cpId:cpDeploymentId:email:nonce in that order (FIELDS_SWAPPED); the email may be empty.',
  'ts is Unix SECONDS, floored, never milliseconds (TIMESTAMP_IN_MILLISECONDS).',
  'The MAC is standard base64 with + / and = padding, not hex (DIGEST_HEX) and not url-safe (DIGEST_BASE64URL).',
];
const VERIFIER_MISTAKES = [
  'The verifier compares MACs in constant time (never == / equals on strings) and checks |now - ts| <= tolerance in both directions.',
  "A replayed signature is refused (NONCE_REUSED): the nonce of each accepted signature is remembered until its timestamp leaves the tolerance window. Here in this process's memory, bounded; production code must keep the nonces in storage every server shares (e.g. Redis SET nonce 1 NX EX 2*tolerance) for the tolerance window.",
];

export const MMOB_FILES = kitFiles('mmob');

function header(c: Comment, role: CodeRole, run: string, langNote: string[]): string {
  return kitHeader(c, {
    title: 'mmob Secure Identity',
    role,
    run,
    usage: [
      role === 'signer'
        ? 'Usage: [email]  -> prints the signature ts:base64(HMAC-SHA256):nonce'
        : 'Usage: SIGNATURE [email]  -> prints "valid" (exit 0) or "invalid CODE" (exit 1)',
    ],
    mistakes: [...MMOB_MISTAKES, ...(role === 'verifier' ? VERIFIER_MISTAKES : []), ...langNote],
  });
}

export function mmobProgram(lang: CodeLang, role: CodeRole, i: MmobKitInputs): string {
  const L = (s: string) => literal(lang, s);
  const file = MMOB_FILES[lang][role];
  const h = (c: Comment, note: string[] = []) => header(c, role, runCommand(lang, file, i.secretEnv), note);
  const tol = String(i.toleranceSeconds);
  switch (lang) {
    case 'node':
      return nodeProgram(
        role,
        h(slashes, ['Node reads the key with Buffer.from(secret, "base64"): exactly the vendor\'s lenient decoder.']),
        L,
        i,
        tol,
      );
    case 'php':
      return phpProgram(
        role,
        h(slashes, [
          'PHP: base64_decode is lenient about invalid characters but not "=" or url-safe letters, so they are normalised first.',
        ]),
        L,
        i,
        tol,
      );
    case 'python':
      return pythonProgram(
        role,
        h(hashes, ['Python: base64.b64decode is strict (padding, alphabet); the key is normalised first.']),
        L,
        i,
        tol,
      );
    case 'java':
      return javaProgram(
        role,
        h(slashes, [
          'Java: Base64.getDecoder() is strict (padding, alphabet, whitespace); the key is normalised first.',
        ]),
        L,
        i,
        tol,
      );
    case 'csharp':
      return csharpProgram(
        role,
        h(slashes, [
          'C#: Convert.FromBase64String rejects url-safe letters and missing padding; the key is normalised first.',
        ]),
        L,
        i,
        tol,
      );
    case 'go':
      return goProgram(
        role,
        h(slashes, ['Go: base64.StdEncoding needs padding and rejects url-safe letters; the key is normalised first.']),
        L,
        i,
        tol,
      );
    case 'ruby':
      return rubyProgram(
        role,
        h(hashes, ['Ruby: Base64.strict_decode64 would reject the secret; it is normalised, then decoded.']),
        L,
        i,
        tol,
      );
    case 'shell':
      return shellSigner(
        h(hashes, [
          'The key is passed to openssl as hexkey:… on its command line, visible to other local users (ps): run this on a machine you alone use.',
        ]),
        L,
        i,
      );
  }
}

function nodeProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const common = `import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SECRET_ENV = ${L(i.secretEnv)};
const CP_ID = ${L(i.cpId)};
const CP_DEPLOYMENT_ID = ${L(i.cpDeploymentId)};
const EMAIL = ${L(i.email)};
const TOLERANCE_SECONDS = ${tol};

/** The vendor's own decoder: lenient (url-safe alphabet, no padding, whitespace). */
function mmobKey(secret: string): Buffer {
  const key = Buffer.from(secret, 'base64');
  if (key.length === 0) throw new Error('the secret decodes to zero bytes as base64');
  return key;
}

function mac(secret: string, message: string): string {
  return createHmac('sha256', mmobKey(secret)).update(message, 'utf8').digest('base64');
}

${IO.node}
`;
  if (role === 'signer')
    return `${head}
${common}
export function sign(secret: string, cpId: string, cpDeploymentId: string, email: string, ts: number, nonce: string): string {
  const canonical = ts + ':' + cpId + ':' + cpDeploymentId + ':' + email + ':' + nonce;
  return ts + ':' + mac(secret, canonical) + ':' + nonce;
}

if (process.argv[2] === '--batch') {
  const out = batchCases().map((f) => sign(f[0], f[1], f[2], f[3], Number(f[4]), f[5]));
  process.stdout.write(out.join('\\n') + '\\n');
} else {
  const email = process.argv.length > 2 ? process.argv[2] : EMAIL;
  const ts = Math.floor(Date.now() / 1000); // seconds: Date.now() is milliseconds
  const nonce = randomBytes(16).toString('hex');
  console.log(sign(secretFromEnv(), CP_ID, CP_DEPLOYMENT_ID, email, ts, nonce));
}
`;
  return `${head}
${common}
/**
 * Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
 * (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
 * production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance), for
 * the tolerance window.
 */
const MAX_SEEN_NONCES = 100000;
const seenNonces = new Map<string, number>(); // nonce -> the Unix second it is remembered until

/** false when the nonce was accepted before and is still in its window; else remembers it until \`until\`. */
function firstUse(nonce: string, until: number, now: number): boolean {
  const known = seenNonces.get(nonce);
  if (known !== undefined && known >= now) return false;
  if (seenNonces.size >= MAX_SEEN_NONCES) {
    for (const [n, u] of seenNonces) if (u < now) seenNonces.delete(n); // out of the window: forgotten
    if (seenNonces.size >= MAX_SEEN_NONCES) {
      let soonest = '';
      for (const [n, u] of seenNonces) if (soonest === '' || u < seenNonces.get(soonest)!) soonest = n;
      seenNonces.delete(soonest); // still full: the one nearest the end of its window goes
    }
  }
  seenNonces.set(nonce, until);
  return true;
}

/** "" when valid, else the first reason (Signet's code names). */
export function verify(secret: string, cpId: string, cpDeploymentId: string, email: string, signature: string, now: number, tolerance: number): string {
  const parts = signature.trim().split(':');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return 'SIGNATURE_MALFORMED';
  const [tsText, received, nonce] = parts;
  if (!/^[0-9]{1,15}$/.test(tsText)) return 'TIMESTAMP_INVALID';
  const age = now - Number(tsText);
  if (age > tolerance) return 'TIMESTAMP_TOO_OLD';
  if (-age > tolerance) return 'TIMESTAMP_IN_FUTURE';
  if (nonce.length < 30 || nonce.length > 50) return 'NONCE_LENGTH';
  // The timestamp text exactly as received goes into the message.
  const expected = Buffer.from(mac(secret, tsText + ':' + cpId + ':' + cpDeploymentId + ':' + email + ':' + nonce), 'utf8');
  const got = Buffer.from(received, 'utf8');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return 'SIGNATURE_MISMATCH';
  // Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
  if (!firstUse(nonce, Number(tsText) + tolerance, now)) return 'NONCE_REUSED';
  return '';
}

if (process.argv[2] === '--batch') {
  const out = batchCases().map((f) => {
    const why = verify(f[0], f[1], f[2], f[3], f[4], Number(f[5]), Number(f[6]));
    return why === '' ? 'valid' : 'invalid ' + why;
  });
  process.stdout.write(out.join('\\n') + '\\n');
} else {
  if (process.argv.length < 3) {
    console.error('usage: SIGNATURE [email]');
    process.exit(2);
  }
  const email = process.argv.length > 3 ? process.argv[3] : EMAIL;
  const why = verify(secretFromEnv(), CP_ID, CP_DEPLOYMENT_ID, email, process.argv[2], Math.floor(Date.now() / 1000), TOLERANCE_SECONDS);
  console.log(why === '' ? 'valid' : 'invalid ' + why);
  process.exit(why === '' ? 0 : 1);
}
`;
}

function phpProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const common = `
const SECRET_ENV = ${L(i.secretEnv)};
const CP_ID = ${L(i.cpId)};
const CP_DEPLOYMENT_ID = ${L(i.cpDeploymentId)};
const EMAIL = ${L(i.email)};
const TOLERANCE_SECONDS = ${tol};

/** Decodes like Node's Buffer.from($s, 'base64'), which the vendor uses. */
function mmob_key(string $secret): string {
    $s = explode('=', $secret, 2)[0];                   // decoding stops at the first "="
    $s = strtr($s, '-_', '+/');                         // url-safe alphabet
    $s = preg_replace('~[^A-Za-z0-9+/]~', '', $s);      // whitespace and other characters are skipped
    if (strlen($s) % 4 === 1) $s = substr($s, 0, -1);   // a dangling character carries no byte
    $key = base64_decode(str_pad($s, (int) ceil(strlen($s) / 4) * 4, '='));
    if ($key === false || $key === '') throw new RuntimeException('the secret decodes to zero bytes as base64');
    return $key;
}

function mmob_mac(string $secret, string $message): string {
    // hash_hmac(algorithm, DATA, KEY): the message first, the key last; raw bytes, then base64 (not hex).
    return base64_encode(hash_hmac('sha256', $message, mmob_key($secret), true));
}

${IO.php}
`;
  if (role === 'signer')
    return `<?php
${head}
declare(strict_types=1);
${common}
function mmob_sign(string $secret, string $cpId, string $cpDeploymentId, string $email, int $ts, string $nonce): string {
    return $ts . ':' . mmob_mac($secret, "$ts:$cpId:$cpDeploymentId:$email:$nonce") . ':' . $nonce;
}

if (($argv[1] ?? '') === '--batch') {
    foreach (batch_cases() as $f) echo mmob_sign($f[0], $f[1], $f[2], $f[3], (int) $f[4], $f[5]), "\\n";
} else {
    $email = $argc > 1 ? $argv[1] : EMAIL;
    $ts = time();                          // seconds (not microtime() * 1000)
    $nonce = bin2hex(random_bytes(16));
    echo mmob_sign(secret_from_env(), CP_ID, CP_DEPLOYMENT_ID, $email, $ts, $nonce), "\\n";
}
`;
  return `<?php
${head}
declare(strict_types=1);
${common}
// Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
// (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
// production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance), for
// the tolerance window.
const MAX_SEEN_NONCES = 100000;

/** false when the nonce was accepted before and is still in its window; else remembers it until $until. */
function first_use(string $nonce, int $until, int $now): bool {
    static $seen = []; // nonce => the Unix second it is remembered until (30+ characters: never an integer key)
    if (isset($seen[$nonce]) && $seen[$nonce] >= $now) return false;
    if (count($seen) >= MAX_SEEN_NONCES) {
        $seen = array_filter($seen, fn ($u) => $u >= $now); // out of the window: forgotten
        if (count($seen) >= MAX_SEEN_NONCES) unset($seen[array_search(min($seen), $seen, true)]);
    }
    $seen[$nonce] = $until;
    return true;
}

/** '' when valid, else the first reason (Signet's code names). */
function mmob_verify(string $secret, string $cpId, string $cpDeploymentId, string $email, string $signature, int $now, int $tolerance): string {
    $parts = explode(':', trim($signature));
    if (count($parts) !== 3 || in_array('', $parts, true)) return 'SIGNATURE_MALFORMED';
    [$tsText, $received, $nonce] = $parts;
    if (!preg_match('/^[0-9]{1,15}$/D', $tsText)) return 'TIMESTAMP_INVALID';
    $age = $now - (int) $tsText;
    if ($age > $tolerance) return 'TIMESTAMP_TOO_OLD';
    if (-$age > $tolerance) return 'TIMESTAMP_IN_FUTURE';
    $length = preg_match_all('/./su', $nonce);
    if ($length < 30 || $length > 50) return 'NONCE_LENGTH';
    $expected = mmob_mac($secret, "$tsText:$cpId:$cpDeploymentId:$email:$nonce");
    // hash_equals is constant-time; == is not (and compares numeric strings as numbers).
    if (!hash_equals($expected, $received)) return 'SIGNATURE_MISMATCH';
    // Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
    if (!first_use($nonce, (int) $tsText + $tolerance, $now)) return 'NONCE_REUSED';
    return '';
}

if (($argv[1] ?? '') === '--batch') {
    foreach (batch_cases() as $f) {
        $why = mmob_verify($f[0], $f[1], $f[2], $f[3], $f[4], (int) $f[5], (int) $f[6]);
        echo $why === '' ? 'valid' : "invalid $why", "\\n";
    }
} else {
    if ($argc < 2) {
        fwrite(STDERR, "usage: SIGNATURE [email]\\n");
        exit(2);
    }
    $why = mmob_verify(secret_from_env(), CP_ID, CP_DEPLOYMENT_ID, $argc > 2 ? $argv[2] : EMAIL, $argv[1], time(), TOLERANCE_SECONDS);
    echo $why === '' ? 'valid' : "invalid $why", "\\n";
    exit($why === '' ? 0 : 1);
}
`;
}

function pythonProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const common = `import base64
import hashlib
import hmac
import os
import re
import secrets
import sys
import time

SECRET_ENV = ${L(i.secretEnv)}
CP_ID = ${L(i.cpId)}
CP_DEPLOYMENT_ID = ${L(i.cpDeploymentId)}
EMAIL = ${L(i.email)}
TOLERANCE_SECONDS = ${tol}


def mmob_key(secret: str) -> bytes:
    """Decodes like Node's Buffer.from(s, 'base64'), which the vendor uses; b64decode alone is strict."""
    s = secret.split("=", 1)[0]  # decoding stops at the first "="
    s = s.replace("-", "+").replace("_", "/")  # url-safe alphabet
    s = re.sub(r"[^A-Za-z0-9+/]", "", s)  # whitespace and other characters are skipped
    if len(s) % 4 == 1:
        s = s[:-1]  # a dangling character carries no byte
    key = base64.b64decode(s + "=" * (-len(s) % 4))
    if not key:
        raise ValueError("the secret decodes to zero bytes as base64")
    return key


def mmob_mac(secret: str, message: str) -> str:
    digest = hmac.new(mmob_key(secret), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")  # standard base64 of the raw bytes, not hexdigest()


${IO.python}
`;
  if (role === 'signer')
    return `${head}
${common}

def sign(secret: str, cp_id: str, cp_deployment_id: str, email: str, ts: int, nonce: str) -> str:
    canonical = f"{ts}:{cp_id}:{cp_deployment_id}:{email}:{nonce}"
    return f"{ts}:{mmob_mac(secret, canonical)}:{nonce}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--batch"]:
        out = [sign(f[0], f[1], f[2], f[3], int(f[4]), f[5]) for f in batch_cases()]
        sys.stdout.buffer.write(("\\n".join(out) + "\\n").encode("utf-8"))
    else:
        email = sys.argv[1] if len(sys.argv) > 1 else EMAIL
        ts = int(time.time())  # floored seconds: time.time() is a float
        print(sign(secret_from_env(), CP_ID, CP_DEPLOYMENT_ID, email, ts, secrets.token_hex(16)))
`;
  return `${head}
${common}
# Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
# (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
# production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance), for
# the tolerance window.
MAX_SEEN_NONCES = 100_000
seen_nonces: dict = {}  # nonce -> the Unix second it is remembered until


def first_use(nonce: str, until: int, now: int) -> bool:
    """False when the nonce was accepted before and is still in its window; else remembers it until until."""
    if nonce in seen_nonces and seen_nonces[nonce] >= now:
        return False
    if len(seen_nonces) >= MAX_SEEN_NONCES:
        for n in [n for n, u in seen_nonces.items() if u < now]:
            del seen_nonces[n]  # out of the window: forgotten
        if len(seen_nonces) >= MAX_SEEN_NONCES:
            del seen_nonces[min(seen_nonces, key=seen_nonces.__getitem__)]
    seen_nonces[nonce] = until
    return True


def verify(secret: str, cp_id: str, cp_deployment_id: str, email: str, signature: str, now: int, tolerance: int) -> str:
    """'' when valid, else the first reason (Signet's code names)."""
    parts = signature.strip().split(":")
    if len(parts) != 3 or "" in parts:
        return "SIGNATURE_MALFORMED"
    ts_text, received, nonce = parts
    if not re.fullmatch(r"[0-9]{1,15}", ts_text):
        return "TIMESTAMP_INVALID"
    age = now - int(ts_text)
    if age > tolerance:
        return "TIMESTAMP_TOO_OLD"
    if -age > tolerance:
        return "TIMESTAMP_IN_FUTURE"
    if not 30 <= len(nonce) <= 50:
        return "NONCE_LENGTH"
    expected = mmob_mac(secret, f"{ts_text}:{cp_id}:{cp_deployment_id}:{email}:{nonce}")
    # compare_digest is constant-time; == is not.
    if not hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8")):
        return "SIGNATURE_MISMATCH"
    # Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
    if not first_use(nonce, int(ts_text) + tolerance, now):
        return "NONCE_REUSED"
    return ""


if __name__ == "__main__":
    if sys.argv[1:2] == ["--batch"]:
        out = []
        for f in batch_cases():
            why = verify(f[0], f[1], f[2], f[3], f[4], int(f[5]), int(f[6]))
            out.append("valid" if why == "" else "invalid " + why)
        print("\\n".join(out))
    else:
        if len(sys.argv) < 2:
            die("usage: SIGNATURE [email]")
        email = sys.argv[2] if len(sys.argv) > 2 else EMAIL
        why = verify(secret_from_env(), CP_ID, CP_DEPLOYMENT_ID, email, sys.argv[1], int(time.time()), TOLERANCE_SECONDS)
        print("valid" if why == "" else "invalid " + why)
        sys.exit(0 if why == "" else 1)
`;
}

function javaProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const cls = role === 'signer' ? 'MmobSigner' : 'MmobVerifier';
  const common = `    static final String SECRET_ENV = ${L(i.secretEnv)};
    static final String CP_ID = ${L(i.cpId)};
    static final String CP_DEPLOYMENT_ID = ${L(i.cpDeploymentId)};
    static final String EMAIL = ${L(i.email)};
    static final long TOLERANCE_SECONDS = ${tol}L;

    /** Decodes like Node's Buffer.from(s, "base64"), which the vendor uses; Base64.getDecoder() alone is strict. */
    static byte[] mmobKey(String secret) {
        int eq = secret.indexOf('=');
        String s = eq >= 0 ? secret.substring(0, eq) : secret;      // decoding stops at the first "="
        s = s.replace('-', '+').replace('_', '/')                     // url-safe alphabet
             .replaceAll("[^A-Za-z0-9+/]", "");                       // whitespace and other characters are skipped
        if (s.length() % 4 == 1) s = s.substring(0, s.length() - 1); // a dangling character carries no byte
        while (s.length() % 4 != 0) s += "=";
        byte[] key = Base64.getDecoder().decode(s);
        if (key.length == 0) throw new IllegalArgumentException("the secret decodes to zero bytes as base64");
        return key;
    }

    static String mac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(mmobKey(secret), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

${IO.java}
`;
  const imports = `import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;`;
  if (role === 'signer')
    return `${head}
${imports}

public class ${cls} {
${common}
    static String sign(String secret, String cpId, String cpDeploymentId, String email, long ts, String nonce) throws Exception {
        return ts + ":" + mac(secret, ts + ":" + cpId + ":" + cpDeploymentId + ":" + email + ":" + nonce) + ":" + nonce;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        if (args.length > 0 && args[0].equals("--batch")) {
            StringBuilder sb = new StringBuilder();
            for (String[] f : batchCases()) sb.append(sign(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), f[5])).append('\\n');
            out.print(sb);
            return;
        }
        String email = args.length > 0 ? args[0] : EMAIL;
        long ts = Instant.now().getEpochSecond(); // seconds, not System.currentTimeMillis()
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        StringBuilder nonce = new StringBuilder();
        for (byte b : raw) nonce.append(String.format("%02x", b));
        out.println(sign(secretFromEnv(), CP_ID, CP_DEPLOYMENT_ID, email, ts, nonce.toString()));
    }
}
`;
  return `${head}
${imports}
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

public class ${cls} {
${common}
    /**
     * Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
     * (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
     * production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance),
     * for the tolerance window.
     */
    static final int MAX_SEEN_NONCES = 100000;
    static final Map<String, Long> SEEN_NONCES = new HashMap<>(); // nonce -> the Unix second it is remembered until

    /** false when the nonce was accepted before and is still in its window; else remembers it until {@code until}. */
    static boolean firstUse(String nonce, long until, long now) {
        Long known = SEEN_NONCES.get(nonce);
        if (known != null && known >= now) return false;
        if (SEEN_NONCES.size() >= MAX_SEEN_NONCES) {
            SEEN_NONCES.values().removeIf(u -> u < now); // out of the window: forgotten
            if (SEEN_NONCES.size() >= MAX_SEEN_NONCES)
                SEEN_NONCES.remove(Collections.min(SEEN_NONCES.entrySet(), Map.Entry.comparingByValue()).getKey());
        }
        SEEN_NONCES.put(nonce, until);
        return true;
    }

    /** "" when valid, else the first reason (Signet's code names). */
    static String verify(String secret, String cpId, String cpDeploymentId, String email, String signature, long now, long tolerance) throws Exception {
        String[] parts = signature.trim().split(":", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) return "SIGNATURE_MALFORMED";
        String tsText = parts[0], received = parts[1], nonce = parts[2];
        if (!tsText.matches("[0-9]{1,15}")) return "TIMESTAMP_INVALID";
        long age = now - Long.parseLong(tsText);
        if (age > tolerance) return "TIMESTAMP_TOO_OLD";
        if (-age > tolerance) return "TIMESTAMP_IN_FUTURE";
        int length = nonce.codePointCount(0, nonce.length());
        if (length < 30 || length > 50) return "NONCE_LENGTH";
        String expected = mac(secret, tsText + ":" + cpId + ":" + cpDeploymentId + ":" + email + ":" + nonce);
        // MessageDigest.isEqual is constant-time; String.equals is not.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8))) return "SIGNATURE_MISMATCH";
        // Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
        if (!firstUse(nonce, Long.parseLong(tsText) + tolerance, now)) return "NONCE_REUSED";
        return "";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        if (args.length > 0 && args[0].equals("--batch")) {
            StringBuilder sb = new StringBuilder();
            for (String[] f : batchCases()) {
                String why = verify(f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[5]), Long.parseLong(f[6]));
                sb.append(why.isEmpty() ? "valid" : "invalid " + why).append('\\n');
            }
            out.print(sb);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: SIGNATURE [email]");
            System.exit(2);
        }
        String email = args.length > 1 ? args[1] : EMAIL;
        String why = verify(secretFromEnv(), CP_ID, CP_DEPLOYMENT_ID, email, args[0], Instant.now().getEpochSecond(), TOLERANCE_SECONDS);
        out.println(why.isEmpty() ? "valid" : "invalid " + why);
        System.exit(why.isEmpty() ? 0 : 1);
    }
}
`;
}

function csharpProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const cls = role === 'signer' ? 'MmobSigner' : 'MmobVerifier';
  const common = `    const string SecretEnv = ${L(i.secretEnv)};
    const string CpId = ${L(i.cpId)};
    const string CpDeploymentId = ${L(i.cpDeploymentId)};
    const string Email = ${L(i.email)};
    const long ToleranceSeconds = ${tol};

    /// Decodes like Node's Buffer.from(s, "base64"), which the vendor uses; Convert.FromBase64String alone is strict.
    static byte[] MmobKey(string secret)
    {
        int eq = secret.IndexOf('=');
        string s = eq >= 0 ? secret.Substring(0, eq) : secret;       // decoding stops at the first "="
        s = s.Replace('-', '+').Replace('_', '/');                    // url-safe alphabet
        s = Regex.Replace(s, "[^A-Za-z0-9+/]", "");                   // whitespace and other characters are skipped
        if (s.Length % 4 == 1) s = s.Substring(0, s.Length - 1);      // a dangling character carries no byte
        s = s.PadRight((s.Length + 3) / 4 * 4, '=');
        byte[] key = Convert.FromBase64String(s);
        if (key.Length == 0) throw new ArgumentException("the secret decodes to zero bytes as base64");
        return key;
    }

    static string Mac(string secret, string message)
    {
        using (var h = new HMACSHA256(MmobKey(secret)))
            return Convert.ToBase64String(h.ComputeHash(new UTF8Encoding(false).GetBytes(message)));
    }

${IO.csharp('Encoding.UTF8')}
`;
  const usings = `using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;`;
  if (role === 'signer')
    return `${head}
${usings}

public static class ${cls}
{
${common}
    static string Sign(string secret, string cpId, string cpDeploymentId, string email, long ts, string nonce)
    {
        return ts + ":" + Mac(secret, ts + ":" + cpId + ":" + cpDeploymentId + ":" + email + ":" + nonce) + ":" + nonce;
    }

    public static void Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        if (args.Length > 0 && args[0] == "--batch")
        {
            var sb = new StringBuilder();
            foreach (var f in BatchCases()) sb.Append(Sign(f[0], f[1], f[2], f[3], long.Parse(f[4]), f[5])).Append('\\n');
            Console.Out.Write(sb.ToString());
            return;
        }
        string email = args.Length > 0 ? args[0] : Email;
        long ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // seconds, not ToUnixTimeMilliseconds()
        var raw = new byte[16];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(raw);
        string nonce = BitConverter.ToString(raw).Replace("-", "").ToLowerInvariant();
        Console.Out.Write(Sign(SecretFromEnv(), CpId, CpDeploymentId, email, ts, nonce) + "\\n");
    }
}
`;
  return `${head}
${usings}

public static class ${cls}
{
${common}
    /// Constant-time: the time taken does not depend on where the first difference is.
    static bool FixedTimeEquals(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return false;
        int diff = 0;
        for (int k = 0; k < a.Length; k++) diff |= a[k] ^ b[k];
        return diff == 0;
    }

    /// Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
    /// (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
    /// production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX
    /// 2*tolerance), for the tolerance window.
    const int MaxSeenNonces = 100000;
    static readonly Dictionary<string, long> SeenNonces = new Dictionary<string, long>(); // nonce -> the Unix second it is remembered until

    /// false when the nonce was accepted before and is still in its window; else remembers it until until.
    static bool FirstUse(string nonce, long until, long now)
    {
        long known;
        if (SeenNonces.TryGetValue(nonce, out known) && known >= now) return false;
        if (SeenNonces.Count >= MaxSeenNonces)
        {
            var gone = new List<string>();
            string soonest = null;
            foreach (var kv in SeenNonces)
            {
                if (kv.Value < now) gone.Add(kv.Key); // out of the window: forgotten
                if (soonest == null || kv.Value < SeenNonces[soonest]) soonest = kv.Key;
            }
            foreach (string n in gone) SeenNonces.Remove(n);
            if (SeenNonces.Count >= MaxSeenNonces) SeenNonces.Remove(soonest);
        }
        SeenNonces[nonce] = until;
        return true;
    }

    /// "" when valid, else the first reason (Signet's code names).
    static string Verify(string secret, string cpId, string cpDeploymentId, string email, string signature, long now, long tolerance)
    {
        string[] parts = signature.Trim().Split(':');
        if (parts.Length != 3 || Array.IndexOf(parts, "") >= 0) return "SIGNATURE_MALFORMED";
        string tsText = parts[0], received = parts[1], nonce = parts[2];
        if (!Regex.IsMatch(tsText, "^[0-9]{1,15}$")) return "TIMESTAMP_INVALID";
        long age = now - long.Parse(tsText);
        if (age > tolerance) return "TIMESTAMP_TOO_OLD";
        if (-age > tolerance) return "TIMESTAMP_IN_FUTURE";
        if (nonce.Length < 30 || nonce.Length > 50) return "NONCE_LENGTH";
        string expected = Mac(secret, tsText + ":" + cpId + ":" + cpDeploymentId + ":" + email + ":" + nonce);
        // Not string ==, which stops at the first difference.
        if (!FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(received))) return "SIGNATURE_MISMATCH";
        // Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
        if (!FirstUse(nonce, long.Parse(tsText) + tolerance, now)) return "NONCE_REUSED";
        return "";
    }

    public static void Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        if (args.Length > 0 && args[0] == "--batch")
        {
            var sb = new StringBuilder();
            foreach (var f in BatchCases())
            {
                string why = Verify(f[0], f[1], f[2], f[3], f[4], long.Parse(f[5]), long.Parse(f[6]));
                sb.Append(why == "" ? "valid" : "invalid " + why).Append('\\n');
            }
            Console.Out.Write(sb.ToString());
            return;
        }
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: SIGNATURE [email]");
            Environment.Exit(2);
        }
        string email = args.Length > 1 ? args[1] : Email;
        string reason = Verify(SecretFromEnv(), CpId, CpDeploymentId, email, args[0], DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ToleranceSeconds);
        Console.Out.Write((reason == "" ? "valid" : "invalid " + reason) + "\\n");
        Environment.Exit(reason == "" ? 0 : 1);
    }
}
`;
}

function goProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const common = `const (
	secretEnv        = ${L(i.secretEnv)}
	cpID             = ${L(i.cpId)}
	cpDeploymentID   = ${L(i.cpDeploymentId)}
	defaultEmail     = ${L(i.email)}
	toleranceSeconds = ${tol}
)

// mmobKey decodes like Node's Buffer.from(s, "base64"), which the vendor uses; base64.StdEncoding alone is strict.
func mmobKey(secret string) []byte {
	s := strings.SplitN(secret, "=", 2)[0] // decoding stops at the first "="
	s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
	s = regexp.MustCompile("[^A-Za-z0-9+/]").ReplaceAllString(s, "") // whitespace and other characters are skipped
	if len(s)%4 == 1 {
		s = s[:len(s)-1] // a dangling character carries no byte
	}
	key, err := base64.RawStdEncoding.DecodeString(s) // unpadded; non-zero leftover bits are ignored, as in Node
	if err != nil || len(key) == 0 {
		fmt.Fprintln(os.Stderr, "the secret decodes to zero bytes as base64")
		os.Exit(2)
	}
	return key
}

func mac(secret, message string) string {
	h := hmac.New(sha256.New, mmobKey(secret))
	h.Write([]byte(message))
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) // standard base64, not hex
}

${IO.go}
`;
  if (role === 'signer')
    return `${head}
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

${common}
func sign(secret, cpID, cpDeploymentID, email string, ts int64, nonce string) string {
	t := strconv.FormatInt(ts, 10)
	return t + ":" + mac(secret, t+":"+cpID+":"+cpDeploymentID+":"+email+":"+nonce) + ":" + nonce
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--batch" {
		var sb strings.Builder
		for _, f := range batchCases() {
			ts, _ := strconv.ParseInt(f[4], 10, 64)
			sb.WriteString(sign(f[0], f[1], f[2], f[3], ts, f[5]) + "\\n")
		}
		os.Stdout.WriteString(sb.String())
		return
	}
	email := defaultEmail
	if len(os.Args) > 1 {
		email = os.Args[1]
	}
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		panic(err)
	}
	ts := time.Now().Unix() // seconds, not UnixMilli()
	fmt.Println(sign(secretFromEnv(), cpID, cpDeploymentID, email, ts, hex.EncodeToString(raw)))
}
`;
  return `${head}
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

${common}
// Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
// (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
// production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance), for
// the tolerance window.
const maxSeenNonces = 100000

var seenNonces = map[string]int64{} // nonce -> the Unix second it is remembered until

// firstUse is false when the nonce was accepted before and is still in its window; else it remembers it until until.
func firstUse(nonce string, until, now int64) bool {
	if known, ok := seenNonces[nonce]; ok && known >= now {
		return false
	}
	if len(seenNonces) >= maxSeenNonces {
		soonest := ""
		for n, u := range seenNonces {
			if u < now {
				delete(seenNonces, n) // out of the window: forgotten
			} else if soonest == "" || u < seenNonces[soonest] {
				soonest = n
			}
		}
		if len(seenNonces) >= maxSeenNonces {
			delete(seenNonces, soonest)
		}
	}
	seenNonces[nonce] = until
	return true
}

// verify returns "" when valid, else the first reason (Signet's code names).
func verify(secret, cpID, cpDeploymentID, email, signature string, now, tolerance int64) string {
	parts := strings.Split(strings.TrimSpace(signature), ":")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "SIGNATURE_MALFORMED"
	}
	tsText, received, nonce := parts[0], parts[1], parts[2]
	if !regexp.MustCompile("^[0-9]{1,15}$").MatchString(tsText) {
		return "TIMESTAMP_INVALID"
	}
	ts, _ := strconv.ParseInt(tsText, 10, 64)
	age := now - ts
	if age > tolerance {
		return "TIMESTAMP_TOO_OLD"
	}
	if -age > tolerance {
		return "TIMESTAMP_IN_FUTURE"
	}
	if n := utf8.RuneCountInString(nonce); n < 30 || n > 50 {
		return "NONCE_LENGTH"
	}
	expected := mac(secret, tsText+":"+cpID+":"+cpDeploymentID+":"+email+":"+nonce)
	// hmac.Equal is constant-time; == on strings is not.
	if !hmac.Equal([]byte(expected), []byte(received)) {
		return "SIGNATURE_MISMATCH"
	}
	// Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
	if !firstUse(nonce, ts+tolerance, now) {
		return "NONCE_REUSED"
	}
	return ""
}

${IO.goVerdict}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--batch" {
		var sb strings.Builder
		for _, f := range batchCases() {
			now, _ := strconv.ParseInt(f[5], 10, 64)
			tolerance, _ := strconv.ParseInt(f[6], 10, 64)
			sb.WriteString(verdict(verify(f[0], f[1], f[2], f[3], f[4], now, tolerance)) + "\\n")
		}
		os.Stdout.WriteString(sb.String())
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: SIGNATURE [email]")
		os.Exit(2)
	}
	email := defaultEmail
	if len(os.Args) > 2 {
		email = os.Args[2]
	}
	why := verify(secretFromEnv(), cpID, cpDeploymentID, email, os.Args[1], time.Now().Unix(), toleranceSeconds)
	fmt.Println(verdict(why))
	if why != "" {
		os.Exit(1)
	}
}
`;
}

function rubyProgram(role: CodeRole, head: string, L: Lit, i: MmobKitInputs, tol: string): string {
  const common = `require 'base64'
require 'openssl'
require 'securerandom'

SECRET_ENV = ${L(i.secretEnv)}
CP_ID = ${L(i.cpId)}
CP_DEPLOYMENT_ID = ${L(i.cpDeploymentId)}
EMAIL = ${L(i.email)}
TOLERANCE_SECONDS = ${tol}

# Decodes like Node's Buffer.from(s, 'base64'), which the vendor uses.
def mmob_key(secret)
  s = secret.split('=', 2).first.to_s          # decoding stops at the first "="
  s = s.tr('-_', '+/').gsub(%r{[^A-Za-z0-9+/]}, '') # url-safe alphabet; other characters are skipped
  s = s[0...-1] if s.length % 4 == 1             # a dangling character carries no byte
  key = Base64.decode64(s + '=' * (-s.length % 4))
  raise ArgumentError, 'the secret decodes to zero bytes as base64' if key.empty?
  key
end

def mmob_mac(secret, message)
  # Standard base64 of the raw digest (OpenSSL::HMAC.digest, not hexdigest); strict_encode64 adds no newline.
  Base64.strict_encode64(OpenSSL::HMAC.digest('SHA256', mmob_key(secret), message.encode('UTF-8')))
end

def batch_cases
  $stdin.binmode.read.split("\\n").reject(&:empty?).map do |line|
    line.split(",", -1).map { |f| Base64.strict_decode64(f).force_encoding('UTF-8') }
  end
end

${IO.ruby}
`;
  if (role === 'signer')
    return `${head}
${common}
def sign(secret, cp_id, cp_deployment_id, email, ts, nonce)
  "#{ts}:#{mmob_mac(secret, "#{ts}:#{cp_id}:#{cp_deployment_id}:#{email}:#{nonce}")}:#{nonce}"
end

if ARGV[0] == '--batch'
  $stdout.binmode.write(batch_cases.map { |f| sign(f[0], f[1], f[2], f[3], Integer(f[4], 10), f[5]) + "\\n" }.join)
else
  email = ARGV.empty? ? EMAIL : ARGV[0]
  ts = Time.now.to_i # floored seconds
  puts sign(secret_from_env, CP_ID, CP_DEPLOYMENT_ID, email, ts, SecureRandom.hex(16))
end
`;
  return `${head}
${common}
# Replay protection: the nonce of every accepted signature, kept until its timestamp leaves the tolerance window
# (ts+tolerance), after which the timestamp check alone refuses a replay. In this process's memory and bounded:
# production code must keep nonces in storage every server shares, such as Redis (SET nonce 1 NX EX 2*tolerance), for
# the tolerance window.
MAX_SEEN_NONCES = 100_000
SEEN_NONCES = {} # nonce -> the Unix second it is remembered until

# false when the nonce was accepted before and is still in its window; else remembers it until until_ts.
def first_use?(nonce, until_ts, now)
  known = SEEN_NONCES[nonce]
  return false if known && known >= now
  if SEEN_NONCES.size >= MAX_SEEN_NONCES
    SEEN_NONCES.delete_if { |_, u| u < now } # out of the window: forgotten
    SEEN_NONCES.delete(SEEN_NONCES.min_by { |_, u| u }[0]) if SEEN_NONCES.size >= MAX_SEEN_NONCES
  end
  SEEN_NONCES[nonce] = until_ts
  true
end

# '' when valid, else the first reason (Signet's code names).
def verify(secret, cp_id, cp_deployment_id, email, signature, now, tolerance)
  parts = signature.strip.split(':', -1)
  return 'SIGNATURE_MALFORMED' if parts.length != 3 || parts.include?('')
  ts_text, received, nonce = parts
  return 'TIMESTAMP_INVALID' unless ts_text.match?(/\\A[0-9]{1,15}\\z/)
  age = now - Integer(ts_text, 10)
  return 'TIMESTAMP_TOO_OLD' if age > tolerance
  return 'TIMESTAMP_IN_FUTURE' if -age > tolerance
  return 'NONCE_LENGTH' unless nonce.length.between?(30, 50)
  expected = mmob_mac(secret, "#{ts_text}:#{cp_id}:#{cp_deployment_id}:#{email}:#{nonce}")
  # fixed_length_secure_compare is constant-time; == is not.
  same = expected.bytesize == received.bytesize && OpenSSL.fixed_length_secure_compare(expected, received.b)
  return 'SIGNATURE_MISMATCH' unless same
  # Only an accepted signature's nonce is remembered: a forged one cannot use up a nonce.
  return 'NONCE_REUSED' unless first_use?(nonce, Integer(ts_text, 10) + tolerance, now)
  ''
end

if ARGV[0] == '--batch'
  out = batch_cases.map do |f|
    why = verify(f[0], f[1], f[2], f[3], f[4], Integer(f[5], 10), Integer(f[6], 10))
    why.empty? ? 'valid' : "invalid #{why}"
  end
  puts out
else
  die('usage: SIGNATURE [email]') if ARGV.empty?
  why = verify(secret_from_env, CP_ID, CP_DEPLOYMENT_ID, ARGV[1] || EMAIL, ARGV[0], Time.now.to_i, TOLERANCE_SECONDS)
  puts(why.empty? ? 'valid' : "invalid #{why}")
  exit(why.empty? ? 0 : 1)
end
`;
}

function shellSigner(head: string, L: Lit, i: MmobKitInputs): string {
  return `#!/bin/sh
${head}
# POSIX sh + openssl; od, tr, sed and date from any Unix.
set -eu
export LC_ALL=C
SECRET_ENV=${L(i.secretEnv)}
CP_ID=${L(i.cpId)}
CP_DEPLOYMENT_ID=${L(i.cpDeploymentId)}
EMAIL=${L(i.email)}

# The key as hex, decoded like Node's Buffer.from(s, 'base64'): stop at the first "=", url-safe -_ to +/,
# skip every other character, drop a dangling one, pad.
key_hex() {
  s=$(printf '%s' "$1" | tr '\\n' ' ' | sed 's/=.*//' | tr -- '-_' '+/' | tr -cd 'A-Za-z0-9+/')
  case $((\${#s} % 4)) in 1) s=\${s%?} ;; 2) s="$s==" ;; 3) s="$s=" ;; esac
  printf '%s' "$s" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \\n'
}

# sign SECRET CP_ID CP_DEPLOYMENT_ID EMAIL TS NONCE
sign() {
  k=$(key_hex "$1")
  [ -n "$k" ] || { echo 'the secret decodes to zero bytes as base64' >&2; exit 2; }
  m=$(printf '%s' "$5:$2:$3:$4:$6" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$k" -binary | openssl base64 -A)
  printf '%s:%s:%s\\n' "$5" "$m" "$6"
}

${IO.shellField}

if [ "\${1-}" = --batch ]; then
  while IFS=, read -r f1 f2 f3 f4 f5 f6; do
    [ -n "$f1" ] || continue
    field "$f1"; a1=$v; field "$f2"; a2=$v; field "$f3"; a3=$v; field "$f4"; a4=$v; field "$f5"; a5=$v; field "$f6"
    sign "$a1" "$a2" "$a3" "$a4" "$a5" "$v"
  done
  exit 0
fi

${IO.shellSecret}
# date +%s: floored Unix seconds; 16 random bytes as hex for the nonce.
sign "$secret" "$CP_ID" "$CP_DEPLOYMENT_ID" "\${1-$EMAIL}" "$(date +%s)" "$(openssl rand -hex 16)"
`;
}
