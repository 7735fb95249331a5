/*
 * C reference for `signet mmob verify-batch` (JSONL input), used by scripts/bench.mjs as the machine's
 * practical limit: OpenSSL SHA-256 with the HMAC pads hashed once per key (every key variant's pads at
 * start), the file mmap'ed and split between N threads, verdict lines written in input order, byte-identical
 * to Signet's (held so by src/batch/c-reference.test.ts) for the shapes it handles: valid;
 * TIMESTAMP_INVALID / TOO_OLD / IN_FUTURE with TIMESTAMP_IN_MILLISECONDS and TIMESTAMP_OFF_BY_HOURS;
 * NONCE_LENGTH; SIGNATURE_MALFORMED (part count, empty part); SIGNATURE_MISMATCH with the same mistake
 * finder as Signet (find_mistake below: the same key variants, message mistakes alone and in pairs, MAC
 * readings — hex, base64url, unpadded, base64 of hex, SHA-1 / SHA-512 / MD5 by length — HMAC arguments
 * swapped, the same candidates in the same order under the same budget, so the same first match and hints
 * and, for an unexplained mismatch, the same number of HMACs: 72 for the bench's records); a line that ends
 * inside its JSON (JSON_INVALID "Unexpected end of JSON input."); FIELD_MISSING for the three required
 * fields (absent or null). Not handled (the line reads UNHANDLED_BY_C_REFERENCE, or differs from Signet):
 * other JSON syntax errors (V8's message text), \u escapes, non-string values (FIELD_TYPE), a record's own
 * "now", a signature with a non-ASCII character, a mismatching record with a non-ASCII field (Unicode case
 * mapping and normalization, MESSAGE_LATIN1), a MAC part with characters outside base64 (Signet's message
 * quotes it), non-ASCII whitespace around the secret, other saved secrets (SIGNED_WITH_OTHER_KEY), CSV.
 *
 * Build: gcc -O2 -pthread -Wno-deprecated-declarations mmob-verify-batch.c -lcrypto
 * Run:   mmob-verify-batch FILE SECRET_BASE64 NOW_SECONDS TOLERANCE THREADS > verdicts.jsonl
 * Prints {"records":…,"valid":…,"invalid":…,"malformed":…} on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct { SHA256_CTX inner, outer; } Key;
typedef struct { char *p; size_t n, cap; } Out;

static void key_init(Key *k, const unsigned char *key, size_t len) {
  unsigned char kb[64] = {0}, pad[64];
  if (len > 64) { SHA256(key, len, kb); } else memcpy(kb, key, len);
  for (int i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x36;
  SHA256_Init(&k->inner); SHA256_Update(&k->inner, pad, 64);
  for (int i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x5c;
  SHA256_Init(&k->outer); SHA256_Update(&k->outer, pad, 64);
}
static void hmac(const Key *k, const char *m, size_t n, unsigned char out[32]) {
  SHA256_CTX c = k->inner; unsigned char d[32];
  SHA256_Update(&c, m, n); SHA256_Final(d, &c);
  c = k->outer; SHA256_Update(&c, d, 32); SHA256_Final(out, &c);
}
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static size_t b64(const unsigned char *d, size_t n, char *o) {
  size_t j = 0, i = 0;
  for (; i + 2 < n; i += 3) {
    uint32_t v = d[i] << 16 | d[i + 1] << 8 | d[i + 2];
    o[j++] = B64[v >> 18]; o[j++] = B64[v >> 12 & 63]; o[j++] = B64[v >> 6 & 63]; o[j++] = B64[v & 63];
  }
  if (n - i == 2) { uint32_t v = d[i] << 16 | d[i + 1] << 8; o[j++] = B64[v >> 18]; o[j++] = B64[v >> 12 & 63]; o[j++] = B64[v >> 6 & 63]; o[j++] = '='; }
  else if (n - i == 1) { uint32_t v = d[i] << 16; o[j++] = B64[v >> 18]; o[j++] = B64[v >> 12 & 63]; o[j++] = '='; o[j++] = '='; }
  return j;
}
static int b64val(int c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static void put(Out *o, const char *s, size_t n) {
  if (o->n + n > o->cap) { o->cap = (o->cap + n) * 2; o->p = realloc(o->p, o->cap); }
  memcpy(o->p + o->n, s, n); o->n += n;
}
static void puts_(Out *o, const char *s) { put(o, s, strlen(s)); }

/* ---- configuration, shared read-only ---- */
static int64_t NOW, TOL;

typedef struct { const char *p; size_t n; } Str;
static int jws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int tws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static Str trim(Str s) {
  while (s.n && tws((unsigned char)s.p[0])) { s.p++; s.n--; }
  while (s.n && tws((unsigned char)s.p[s.n - 1])) s.n--;
  return s;
}

/* A JSON string at *i (after the quote) into buf; returns 0 at end of input, -1 on another error. */
static int jstr(const char *l, size_t n, size_t *i, char *buf, size_t *len) {
  size_t k = 0;
  while (*i < n) {
    char c = l[(*i)++];
    if (c == '"') { *len = k; return 1; }
    if (c == '\\') {
      if (*i >= n) return 0;
      char e = l[(*i)++];
      switch (e) { case 'n': c = '\n'; break; case 't': c = '\t'; break; case 'r': c = '\r'; break;
        case 'b': c = '\b'; break; case 'f': c = '\f'; break; case '"': case '\\': case '/': c = e; break;
        default: return -1; }
    }
    if (k < 4096) buf[k++] = c; else return -1;
  }
  return 0;
}

enum { F_SIG, F_CP, F_CPD, F_EMAIL, F_N };
static const char *FIELD[F_N] = {"signature", "cpId", "cpDeploymentId", "email"};

static void line_prefix(Out *o, long line) { char b[48]; put(o, b, sprintf(b, "{\"line\":%ld,\"valid\":", line)); }
static void error_line(Out *o, long line, const char *code, const char *msg) {
  line_prefix(o, line); puts_(o, "false,\"error\":{\"code\":\""); puts_(o, code);
  puts_(o, "\",\"message\":\""); puts_(o, msg); puts_(o, "\"}}\n");
}

typedef struct { long records, valid, invalid, malformed; } Counts;

static size_t canon(char *b, Str ts, Str cp, Str cpd, Str email, Str nonce) {
  size_t j = 0;
  memcpy(b + j, ts.p, ts.n); j += ts.n; b[j++] = ':';
  memcpy(b + j, cp.p, cp.n); j += cp.n; b[j++] = ':';
  memcpy(b + j, cpd.p, cpd.n); j += cpd.n; b[j++] = ':';
  memcpy(b + j, email.p, email.n); j += email.n; b[j++] = ':';
  memcpy(b + j, nonce.p, nonce.n); j += nonce.n;
  return j;
}

/* ---- the mistake finder: findMistake in src/core/node/mmob/finder.ts, for ASCII records ---- */

/* HMAC with a key given as bytes: SHA-256 through the pads (hashed here, once for this call, as createHmac
 * does), the other algorithms through OpenSSL's HMAC(). Only a MAC of their length asks for them. */
enum { A_SHA256, A_SHA1, A_SHA512, A_MD5 };
static void hmac_any(int alg, const unsigned char *key, size_t kl, const void *m, size_t ml, unsigned char *out) {
  if (alg == A_SHA256) { Key k; key_init(&k, key, kl); hmac(&k, m, ml, out); return; }
  unsigned int len;
  HMAC(alg == A_SHA1 ? EVP_sha1() : alg == A_SHA512 ? EVP_sha512() : EVP_md5(), key, (int)kl, m, ml, out, &len);
}
static const size_t ALG_LEN[4] = {32, 20, 64, 16};

/* mistakenKeys(): the right key first, then each mistaken key (deduplicated, empty ones skipped), pads
 * hashed once at start. Keys have at most one hint. */
typedef struct { const char *hint; unsigned char *b; size_t n; Key k; } KeyVar;
static KeyVar kv[16]; static int nkv;
static void add_key(const char *hint, const void *b, size_t n) {
  if (n == 0) return;
  for (int i = 0; i < nkv; i++) if (kv[i].n == n && !memcmp(kv[i].b, b, n)) return;
  kv[nkv].hint = hint; kv[nkv].b = malloc(n); memcpy(kv[nkv].b, b, n); kv[nkv].n = n; key_init(&kv[nkv].k, b, n); nkv++;
}

/* Buffer.from(s, 'base64') in Node: both alphabets, other characters skipped, decoding stops at "=". */
static int b64any(int c) { return c == '-' ? 62 : c == '_' ? 63 : b64val(c); }
static size_t node_b64(const char *s, size_t n, unsigned char *o) {
  uint32_t acc = 0; int bits = 0; size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '=') break;
    int v = b64any((unsigned char)s[i]); if (v < 0) continue;
    acc = acc << 6 | (uint32_t)v; bits += 6;
    if (bits >= 8) { bits -= 8; o[j++] = (unsigned char)(acc >> bits); }
  }
  return j;
}
static int hexv(int c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }
/* isHex(): an even number (≥ 2) of hex digits */
static int even_hex(const void *p, size_t n) {
  const unsigned char *s = p; if (n == 0 || n % 2) return 0;
  for (size_t i = 0; i < n; i++) if (hexv(s[i]) < 0) return 0;
  return 1;
}
static size_t unhex(const void *p, size_t n, unsigned char *o) { const unsigned char *s = p; for (size_t i = 0; i < n / 2; i++) o[i] = hexv(s[2 * i]) << 4 | hexv(s[2 * i + 1]); return n / 2; }
/* /^[ALPHABET]+={0,2}$/ with ALPHABET A-Za-z0-9 plus the two given characters */
static int b64_shape(Str r, char c62, char c63) {
  size_t body = r.n; while (body && r.p[body - 1] == '=') body--;
  if (body == 0 || r.n - body > 2) return 0;
  for (size_t i = 0; i < body; i++) { int c = (unsigned char)r.p[i]; if (!(isalnum(c) || c == c62 || c == c63)) return 0; }
  return 1;
}

/* targetsOf(): every reading of the received MAC as a digest of a known length, with its hints */
typedef struct { int alg; unsigned char d[64]; const char *h[2]; int nh; } Target;
static void add_target(Target *t, int *nt, const unsigned char *b, size_t n, const char *form) {
  int alg = n == 32 ? A_SHA256 : n == 20 ? A_SHA1 : n == 64 ? A_SHA512 : n == 16 ? A_MD5 : -1;
  if (alg < 0) return;
  Target *x = &t[(*nt)++]; x->alg = alg; memcpy(x->d, b, n); x->nh = 0;
  if (alg != A_SHA256) x->h[x->nh++] = alg == A_SHA1 ? "ALGORITHM_SHA1" : alg == A_SHA512 ? "ALGORITHM_SHA512" : "ALGORITHM_MD5";
  if (form) x->h[x->nh++] = form;
}
static int targets_of(Str r, Target *t) {
  int nt = 0; unsigned char b[4096], h[2048]; char c[5600];
  if (even_hex(r.p, r.n)) add_target(t, &nt, b, unhex(r.p, r.n, b), "DIGEST_HEX");
  if (b64_shape(r, '+', '/')) {
    size_t bn = node_b64(r.p, r.n, b), cn = b64(b, bn, c);
    if (cn == r.n && !memcmp(c, r.p, cn)) {
      add_target(t, &nt, b, bn, NULL);
      if (even_hex(b, bn)) add_target(t, &nt, h, unhex(b, bn, h), "DIGEST_BASE64_OF_HEX");
    } else {
      while (cn && c[cn - 1] == '=') cn--;
      if (cn == r.n && !memcmp(c, r.p, cn)) add_target(t, &nt, b, bn, "DIGEST_BASE64URL");
    }
  }
  if (b64_shape(r, '-', '_') && (memchr(r.p, '-', r.n) || memchr(r.p, '_', r.n))) {
    size_t bn = node_b64(r.p, r.n, b), cn = b64(b, bn, c), un = cn;
    while (un && c[un - 1] == '=') un--;
    for (size_t i = 0; i < cn; i++) c[i] = c[i] == '+' ? '-' : c[i] == '/' ? '_' : c[i];
    if ((r.n == un || r.n == cn) && !memcmp(c, r.p, r.n)) add_target(t, &nt, b, bn, "DIGEST_BASE64URL");
  }
  return nt;
}

/* messagesOf(): a message's parts, and each message mistake's alternatives (MESSAGE_MISTAKES, in order) */
typedef struct { Str ts, cp, cpd, email, suffix; int drop; } Parts;
typedef struct { const char *p; size_t n; const char *h[2]; int nh; } Msg;
static const char *MHINT[8] = {"EMAIL_MISMATCH", "EMAIL_SEGMENT_DROPPED", "EMAIL_NULL_LITERAL", "EMAIL_UNICODE_NORMALIZATION",
                               "FIELDS_SWAPPED", "TIMESTAMP_IN_MILLISECONDS", "MESSAGE_TRAILING_NEWLINE", "MESSAGE_LATIN1"};
static int eq(Str a, Str b) { return a.n == b.n && !memcmp(a.p, b.p, a.n); }
/* What the alternatives derive from the record's own values (only mistake 0 changes the email, only 5 the
 * timestamp, so these are computed once per record). */
typedef struct { Str email[5]; int nemail; Str ts; int hasts; } Derived;
static int alternatives(int j, const Parts *p, const Derived *d, Parts *out) {
  int n = 0;
  switch (j) {
  case 0: /* EMAIL_MISMATCH: "", trimmed, lower, upper, trimmed lower — distinct, not the email itself */
    if (p->email.n == 0) return 0;
    for (int i = 0; i < d->nemail; i++) { out[n] = *p; out[n++].email = d->email[i]; }
    return n;
  case 1: /* EMAIL_SEGMENT_DROPPED */
    if (p->email.n || p->drop) return 0;
    out[0] = *p; out[0].drop = 1; return 1;
  case 2: /* EMAIL_NULL_LITERAL */
    if (p->email.n || p->drop) return 0;
    for (int i = 0; i < 3; i++) { out[i] = *p; out[i].email = (Str[]){{"None", 4}, {"null", 4}, {"undefined", 9}}[i]; }
    return 3;
  case 3: return 0; /* EMAIL_UNICODE_NORMALIZATION: none for an ASCII email */
  case 4: /* FIELDS_SWAPPED */
    if (eq(p->cp, p->cpd)) return 0;
    out[0] = *p; out[0].cp = p->cpd; out[0].cpd = p->cp; return 1;
  case 5: /* TIMESTAMP_IN_MILLISECONDS */
    if (!d->hasts) return 0;
    out[0] = *p; out[0].ts = d->ts; return 1;
  case 6: /* MESSAGE_TRAILING_NEWLINE */
    if (p->suffix.n) return 0;
    out[0] = *p; out[0].suffix = (Str){"\n", 1}; out[1] = *p; out[1].suffix = (Str){"\r\n", 2}; return 2;
  default: return 0; /* MESSAGE_LATIN1: an ASCII message has no other Latin-1 encoding (the JS skips it) */
  }
}

/* Per-thread scratch for a record's messages and derived values. */
static __thread char *arena; static __thread size_t arena_cap;
#define MAX_MSG 160
typedef struct { Msg m[MAX_MSG]; int n; char *at; Str nonce; } Msgs;
static __thread Msgs tls_msgs;
static void push(Msgs *ms, const char *h0, const char *h1, const Parts *p) {
  char *b = ms->at; size_t j = 0;
#define CAT(s) (memcpy(b + j, (s).p, (s).n), j += (s).n)
  CAT(p->ts); b[j++] = ':'; CAT(p->cp); b[j++] = ':'; CAT(p->cpd); b[j++] = ':';
  if (!p->drop) { CAT(p->email); b[j++] = ':'; }
  CAT(ms->nonce); CAT(p->suffix);
#undef CAT
  for (int i = 0; i < ms->n; i++) if (ms->m[i].n == j && !memcmp(ms->m[i].p, b, j)) return;
  Msg *m = &ms->m[ms->n++]; m->p = b; m->n = j; m->nh = 0;
  if (h0) m->h[m->nh++] = h0;
  if (h1) m->h[m->nh++] = h1;
  ms->at += j;
}

static int ascii(Str s) { for (size_t i = 0; i < s.n; i++) if ((unsigned char)s.p[i] >= 0x80) return 0; return 1; }

#define MAX_CANDIDATES 6000
/*
 * findMistake with maxMistakes 2 and no alternates: the same candidates, in the same order, with the same
 * budget. Levels 1 and 2 (the total hint count of target + key + message); within a level targets, then
 * keys, then messages; each (target, key, message) tried as is when its count is the level, and as
 * HMAC(key = message, message = key) when one less and the key is the right one and the message has at most
 * one mistake. For the bench's records (a 44-character SHA-256 MAC, a non-empty lowercase email, cpId ≠
 * cpDeploymentId, a 10-digit timestamp, the bench secret: 7 keys, 24 messages) an unexplained mismatch
 * costs 72 HMACs here, as in Signet: level 1: 6 single-mistake messages + 6 mistaken keys + 1 swapped;
 * level 2: 17 two-mistake messages + 6 keys x 6 singles + 6 swapped singles.
 * Returns the hint count (hints written), 0 for none, -1 for a record outside the reference's scope.
 */
static int find_mistake(const char **hints, Str ts, Str cp, Str cpd, Str email, Str nonce, Str recv) {
  if (!ascii(ts) || !ascii(cp) || !ascii(cpd) || !ascii(email) || !ascii(nonce)) return -1;
  Target t[4]; int nt = targets_of(recv, t);
  if (nt == 0) return 0;
  size_t longest = ts.n + 4 + cp.n + cpd.n + (email.n > 9 ? email.n : 9) + nonce.n + 8;
  size_t need = (MAX_MSG + 8) * longest;
  if (need > arena_cap) { free(arena); arena_cap = need * 2; arena = malloc(arena_cap); }
  Msgs *ms = &tls_msgs;
  /* the email alternatives and the timestamp in the other unit */
  Derived d = {0}; char *a = arena;
  {
    Str tr = trim(email); char *lo = a, *up = lo + email.n, *tlo = up + email.n; a = tlo + tr.n;
    for (size_t i = 0; i < email.n; i++) { lo[i] = tolower((unsigned char)email.p[i]); up[i] = toupper((unsigned char)email.p[i]); }
    for (size_t i = 0; i < tr.n; i++) tlo[i] = tolower((unsigned char)tr.p[i]);
    Str cand[5] = {{"", 0}, tr, {lo, email.n}, {up, email.n}, {tlo, tr.n}};
    for (int c = 0; c < 5; c++) {
      int skip = eq(cand[c], email);
      for (int k = 0; k < d.nemail && !skip; k++) skip = eq(d.email[k], cand[c]);
      if (!skip) d.email[d.nemail++] = cand[c];
    }
    int digits = ts.n >= 1 && ts.n <= 15; for (size_t i = 0; i < ts.n && digits; i++) digits = isdigit((unsigned char)ts.p[i]);
    if (digits) {
      long long v = strtoll(ts.p, NULL, 10);
      d.ts = (Str){a, (size_t)sprintf(a, "%lld", v >= 100000000000LL ? v / 1000 : v * 1000)}; a += d.ts.n + 1; d.hasts = 1;
    }
  }
  ms->n = 0; ms->at = a; ms->nonce = nonce;
  Parts base = {ts, cp, cpd, email, {"", 0}, 0};
  push(ms, NULL, NULL, &base);
  Parts singles[16]; int sidx[16], ns = 0, nalt;
  Parts alt[8];
  for (int j = 0; j < 8; j++) {
    nalt = alternatives(j, &base, &d, alt);
    for (int i = 0; i < nalt; i++) { singles[ns] = alt[i]; sidx[ns++] = j; push(ms, MHINT[j], NULL, &alt[i]); }
  }
  for (int s = 0; s < ns; s++)
    for (int j = sidx[s] + 1; j < 8; j++) {
      nalt = alternatives(j, &singles[s], &d, alt);
      for (int i = 0; i < nalt; i++) push(ms, MHINT[sidx[s]], MHINT[j], &alt[i]);
    }

  int budget = MAX_CANDIDATES;
  unsigned char out[64];
  for (int level = 1; level <= 2; level++)
    for (int ti = 0; ti < nt; ti++) {
      const Target *x = &t[ti]; size_t dl = ALG_LEN[x->alg];
      for (int k = 0; k < nkv; k++)
        for (int mi = 0; mi < ms->n; mi++) {
          const Msg *m = &ms->m[mi];
          int n = x->nh + (kv[k].hint != NULL) + m->nh;
          if (n == level) {
            if (budget-- <= 0) return 0;
            if (x->alg == A_SHA256) hmac(&kv[k].k, m->p, m->n, out);
            else hmac_any(x->alg, kv[k].b, kv[k].n, m->p, m->n, out);
            if (!memcmp(out, x->d, dl)) {
              int c = 0;
              if (kv[k].hint) hints[c++] = kv[k].hint;
              for (int i = 0; i < m->nh; i++) hints[c++] = m->h[i];
              for (int i = 0; i < x->nh; i++) hints[c++] = x->h[i];
              return c;
            }
          }
          /* the key and the message swapped: HMAC(key = message, message = key) */
          if (n + 1 == level && k == 0 && m->nh <= 1) {
            if (budget-- <= 0) return 0;
            hmac_any(x->alg, (const unsigned char *)m->p, m->n, kv[k].b, kv[k].n, out);
            if (!memcmp(out, x->d, dl)) {
              int c = 0;
              hints[c++] = "HMAC_ARGUMENTS_SWAPPED";
              for (int i = 0; i < m->nh; i++) hints[c++] = m->h[i];
              for (int i = 0; i < x->nh; i++) hints[c++] = x->h[i];
              return c;
            }
          }
        }
    }
  return 0;
}

/* TIMESTAMP_OFF_BY_HOURS (zoneOffsetOf in verify.ts): whether a stale or future age is within
 * min(tolerance, 120 s) of a UTC offset in use (whole and half hours up to ±14 h, the 45-minute zones). */
static int zone_offset_fits(long long age) {
  long long window = TOL < 120 ? TOL : 120;
  static const int q[] = {5 * 60 + 45, 8 * 60 + 45, 12 * 60 + 45, 9 * 60 + 45};
  for (int m = 30; m <= 14 * 60; m += 30) if (llabs(age + m * 60LL) <= window || llabs(age - m * 60LL) <= window) return 1;
  for (int i = 0; i < 4; i++) if (llabs(age + q[i] * 60LL) <= window || llabs(age - q[i] * 60LL) <= window) return 1;
  return 0;
}

static void verify_line(Out *o, const char *l, size_t n, long line, Counts *c) {
  char buf[F_N][4200]; size_t blen[F_N]; int have[F_N] = {0}, nonstring[F_N] = {0};
  size_t i = 0;
  c->records++;
  while (i < n && jws(l[i])) i++;
  if (i >= n || l[i] != '{') goto unhandled;
  i++;
  for (;;) {
    while (i < n && jws(l[i])) i++;
    if (i >= n) goto eoi;
    if (l[i] == '}') { i++; break; }
    if (l[i] != '"') goto unhandled;
    i++;
    char name[64]; size_t nl; int r = jstr(l, n, &i, name, &nl);
    if (r == 0) goto eoi; if (r < 0 || nl >= 64) goto unhandled;
    while (i < n && jws(l[i])) i++;
    if (i >= n) goto eoi;
    if (l[i++] != ':') goto unhandled;
    while (i < n && jws(l[i])) i++;
    if (i >= n) goto eoi;
    int f = -1;
    for (int k = 0; k < F_N; k++) if (strlen(FIELD[k]) == nl && !memcmp(FIELD[k], name, nl)) f = k;
    if (nl == 3 && !memcmp(name, "now", 3) && l[i] != 'n') goto unhandled; /* a record's own clock */
    if (l[i] == '"') {
      i++;
      char tmp[4200]; size_t tl; r = jstr(l, n, &i, f >= 0 ? buf[f] : tmp, f >= 0 ? &blen[f] : &tl);
      if (r == 0) goto eoi; if (r < 0) goto unhandled;
      if (f >= 0) { have[f] = 1; nonstring[f] = 0; }
    } else if (n - i >= 4 && !memcmp(l + i, "null", 4)) { i += 4; if (f >= 0) have[f] = nonstring[f] = 0; }
    else goto unhandled; /* numbers, objects, …: not in the reference's scope */
    while (i < n && jws(l[i])) i++;
    if (i >= n) goto eoi;
    if (l[i] == ',') { i++; continue; }
    if (l[i] == '}') { i++; break; }
    goto unhandled;
  }
  while (i < n && jws(l[i])) i++;
  if (i != n) goto unhandled;
  for (int k = 0; k < 3; k++) if (!have[k] && !nonstring[k]) {
    char m[64]; sprintf(m, "\\\"%s\\\" is missing.", FIELD[k]);
    c->malformed++; error_line(o, line, "FIELD_MISSING", m); return;
  }
  {
    Str sig = trim((Str){buf[F_SIG], blen[F_SIG]});
    if (!ascii(sig)) goto unhandled; /* Unicode trim, UTF-16 nonce length */
    Str cp = {buf[F_CP], blen[F_CP]}, cpd = {buf[F_CPD], blen[F_CPD]};
    Str email = have[F_EMAIL] ? (Str){buf[F_EMAIL], blen[F_EMAIL]} : (Str){"", 0};
    int parts = 1; const char *c1 = NULL, *c2 = NULL;
    for (size_t k = 0; k < sig.n; k++) if (sig.p[k] == ':') { parts++; if (!c1) c1 = sig.p + k; else if (!c2) c2 = sig.p + k; }
    const char *why = NULL; char whyb[80];
    if (sig.n == 0) why = "it is empty";
    else if (parts != 3) { sprintf(whyb, "it has %d \\\":\\\"-separated part%s instead of 3", parts, parts == 1 ? "" : "s"); why = whyb; }
    Str ts, mac, nonce;
    if (!why) {
      ts = (Str){sig.p, (size_t)(c1 - sig.p)}; mac = (Str){c1 + 1, (size_t)(c2 - c1 - 1)}; nonce = (Str){c2 + 1, (size_t)(sig.p + sig.n - c2 - 1)};
      if (!ts.n || !mac.n || !nonce.n) why = "a part is empty";
      else for (size_t k = 0; k < mac.n; k++) { int ch = (unsigned char)mac.p[k]; if (!(isalnum(ch) || ch == '+' || ch == '/' || ch == '=' || ch == '_' || ch == '-')) goto unhandled; }
    }
    if (why) {
      c->invalid++; line_prefix(o, line);
      puts_(o, "false,\"codes\":[\"SIGNATURE_MALFORMED\"],\"hints\":[],\"summary\":\"Invalid signature: malformed (");
      puts_(o, why); puts_(o, ").\"}\n"); return;
    }
    const char *codes[4]; int nc = 0; const char *hints[8]; int nh = 0; int off_by_hours = 0;
    int digits = ts.n <= 15; for (size_t k = 0; k < ts.n && digits; k++) digits = isdigit((unsigned char)ts.p[k]);
    if (!digits) codes[nc++] = "TIMESTAMP_INVALID";
    else {
      long long t = strtoll(ts.p, NULL, 10), age = NOW - t;
      if (age > TOL) codes[nc++] = "TIMESTAMP_TOO_OLD"; else if (-age > TOL) codes[nc++] = "TIMESTAMP_IN_FUTURE";
      if (t >= 100000000000LL) hints[nh++] = "TIMESTAMP_IN_MILLISECONDS";
      else if (age > TOL || -age > TOL) off_by_hours = zone_offset_fits(age);
    }
    if (nonce.n < 30 || nonce.n > 50) codes[nc++] = "NONCE_LENGTH";
    size_t ml = ts.n + cp.n + cpd.n + email.n + nonce.n + 4;
    char mbuf[8400], *m = ml <= sizeof mbuf ? mbuf : malloc(ml); canon(m, ts, cp, cpd, email, nonce);
    unsigned char d[32]; char s[44]; hmac(&kv[0].k, m, ml, d); b64(d, 32, s);
    if (ml > 8400) free(m);
    if (!(mac.n == 44 && !memcmp(mac.p, s, 44))) {
      codes[nc++] = "SIGNATURE_MISMATCH";
      const char *found[8]; int nf = find_mistake(found, ts, cp, cpd, email, nonce, mac);
      if (nf < 0) goto unhandled;
      for (int k = 0; k < nf; k++) { int dup = 0; for (int j = 0; j < nh; j++) dup |= !strcmp(hints[j], found[k]); if (!dup) hints[nh++] = found[k]; }
    }
    if (off_by_hours) hints[nh++] = "TIMESTAMP_OFF_BY_HOURS";
    line_prefix(o, line);
    if (nc == 0) { c->valid++; puts_(o, "true,\"codes\":[],\"hints\":[],\"summary\":\"Valid signature.\"}\n"); return; }
    c->invalid++;
    puts_(o, "false,\"codes\":[");
    for (int k = 0; k < nc; k++) { if (k) puts_(o, ","); puts_(o, "\""); puts_(o, codes[k]); puts_(o, "\""); }
    puts_(o, "],\"hints\":[");
    for (int k = 0; k < nh; k++) { if (k) puts_(o, ","); puts_(o, "\""); puts_(o, hints[k]); puts_(o, "\""); }
    puts_(o, "],\"summary\":\"Invalid signature (");
    if (nh) { puts_(o, "likely cause: "); for (int k = 0; k < nh; k++) { if (k) puts_(o, " + "); puts_(o, hints[k]); } }
    else for (int k = 0; k < nc; k++) { if (k) puts_(o, ", "); puts_(o, codes[k]); }
    puts_(o, ").\"}\n");
    return;
  }
eoi:
  c->malformed++; error_line(o, line, "JSON_INVALID", "Not valid JSON: Unexpected end of JSON input."); return;
unhandled:
  c->malformed++; error_line(o, line, "UNHANDLED_BY_C_REFERENCE", "outside the C reference's scope"); return;
}

typedef struct { const char *p; size_t n; long first; Out out; Counts c; } Part;
static void *work(void *arg) {
  Part *w = arg; const char *p = w->p, *end = p + w->n; long line = w->first;
  w->out.cap = w->n + 4096; w->out.p = malloc(w->out.cap);
  while (p < end) {
    const char *nl = memchr(p, '\n', end - p); if (!nl) nl = end;
    size_t len = nl - p; if (len && p[len - 1] == '\r') len--;
    int blank = 1; for (size_t k = 0; k < len && blank; k++) blank = tws((unsigned char)p[k]);
    if (!blank) verify_line(&w->out, p, len, line, &w->c);
    line++; p = nl + 1;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: %s FILE SECRET_BASE64 NOW TOLERANCE THREADS\n", argv[0]); return 2; }
  /* mistakenKeys(): the key (Buffer.from(secret, 'base64')), the secret and the trimmed secret as text, the
   * trimmed secret hex-decoded when it is hex, the five whitespace forms of the trimmed secret */
  const char *secret = argv[2]; size_t sl = strlen(secret);
  unsigned char *kb = malloc(sl + 4); size_t kl = node_b64(secret, sl, kb);
  if (kl == 0) { fprintf(stderr, "the secret decodes to zero bytes as base64\n"); return 2; }
  add_key(NULL, kb, kl);
  Str st = trim((Str){secret, sl});
  add_key("SECRET_USED_AS_TEXT", secret, sl);
  add_key("SECRET_USED_AS_TEXT", st.p, st.n);
  unsigned char *hb = malloc(st.n / 2 + 1);
  if (even_hex(st.p, st.n)) add_key("SECRET_HEX_DECODED", hb, unhex(st.p, st.n, hb));
  char *w = malloc(st.n + 3);
  static const char *pre[5] = {"", "", "", " ", ""}, *post[5] = {"\n", "\r\n", " ", "", "\t"};
  for (int i = 0; i < 5; i++) {
    size_t n = sprintf(w, "%s%.*s%s", pre[i], (int)st.n, st.p, post[i]);
    add_key("SECRET_TEXT_WITH_WHITESPACE", w, n);
  }
  NOW = atoll(argv[3]); TOL = atoll(argv[4]); int T = atoi(argv[5]); if (T < 1) T = 1;
  int fd = open(argv[1], O_RDONLY); struct stat sb; if (fd < 0 || fstat(fd, &sb)) { perror(argv[1]); return 2; }
  size_t size = sb.st_size; const char *data = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : "";
  if (size) madvise((void *)data, size, MADV_SEQUENTIAL);
  if (size >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) { /* a BOM: not handled */ }
  Part *parts = calloc(T, sizeof *parts); pthread_t *th = calloc(T, sizeof *th);
  const char *p = data; long line = 1;
  for (int t = 0; t < T; t++) {
    const char *end = t == T - 1 ? data + size : data + size * (t + 1) / T;
    if (end < p) end = p;
    if (t < T - 1) { const char *nl = memchr(end, '\n', data + size - end); end = nl ? nl + 1 : data + size; }
    parts[t] = (Part){p, (size_t)(end - p), line};
    for (const char *q = p; (q = memchr(q, '\n', end - q)); q++) line++;
    p = end;
  }
  for (int t = 0; t < T; t++) pthread_create(&th[t], NULL, work, &parts[t]);
  Counts all = {0};
  for (int t = 0; t < T; t++) {
    pthread_join(th[t], NULL);
    fwrite(parts[t].out.p, 1, parts[t].out.n, stdout);
    all.records += parts[t].c.records; all.valid += parts[t].c.valid; all.invalid += parts[t].c.invalid; all.malformed += parts[t].c.malformed;
  }
  fflush(stdout);
  fprintf(stderr, "{\"records\":%ld,\"valid\":%ld,\"invalid\":%ld,\"malformed\":%ld}\n", all.records, all.valid, all.invalid, all.malformed);
  return 0;
}
