/*
 * C reference for `signet eber verify-batch` (one login URL per line), used by scripts/bench.mjs.
 * OpenSSL SHA-256 with the HMAC pads hashed once per key (every key variant's pads at start), the file
 * mmap'ed and split between N threads, the zone offset from the C library (TZ) cached per local hour, verdict
 * lines in input order, byte-identical to Signet's (held so by src/batch/c-reference.test.ts) for the shapes
 * it handles: https://HOST/login/hmac?… with hmac_email, hmac_hash and hmac_expiry_date (valid, EXPIRED,
 * HASH_MISSING / HASH_MALFORMED / HASH_MISMATCH with the same mistake finder as Signet — find_mistake below:
 * the same key variants, identifier, expiry and join mistakes, argument order, hash forms (upper case,
 * base64, SHA-1 / SHA-512 / MD5 by length), the same candidates in the same order, so the same first match
 * and hints and, for an unexplained mismatch, the same number of HMACs: 137 for the bench's URLs —,
 * EXPIRY_FORMAT for a value that is not Y-m-d H:i:s, IDENTIFIER_MISSING). Not handled (the line reads
 * UNHANDLED_BY_C_REFERENCE, or differs from Signet): phone / custom-id identifiers, hmac_locale, other or
 * repeated parameters (so no IDENTIFIER_CUT_SHORT completions), a fragment, characters the URL parser would
 * drop or percent-encode, hosts other than plain names, non-ASCII identifiers or expiries (Unicode case,
 * normalization, IDENTIFIER_LATIN1), wall times in a DST gap or a repeated hour (PHP's rule), PHP's lenient
 * date overflow, an expired link that another zone would make valid (EXPIRY_IN_UTC / EXPIRY_IN_OTHER_ZONE),
 * other profiles' secrets (SIGNED_WITH_OTHER_KEY).
 *
 * Build: gcc -O2 -pthread -Wno-deprecated-declarations eber-verify-batch.c -lcrypto
 * Run:   TZ=Europe/London eber-verify-batch FILE SECRET NOW_EPOCH_SECONDS THREADS > verdicts.jsonl
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct { SHA256_CTX inner, outer; } Key;
typedef struct { char *p; size_t n, cap; } Out;
typedef struct { const char *p; size_t n; } Str;

static void key_init(Key *k, const unsigned char *key, size_t len) {
  unsigned char kb[64] = {0}, pad[64];
  if (len > 64) SHA256(key, len, kb); else memcpy(kb, key, len);
  for (int i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x36;
  SHA256_Init(&k->inner); SHA256_Update(&k->inner, pad, 64);
  for (int i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x5c;
  SHA256_Init(&k->outer); SHA256_Update(&k->outer, pad, 64);
}
static void hmac_hex(const Key *k, Str a, Str b, char out[64]) {
  SHA256_CTX c = k->inner; unsigned char d[32];
  SHA256_Update(&c, a.p, a.n); SHA256_Update(&c, b.p, b.n); SHA256_Final(d, &c);
  c = k->outer; SHA256_Update(&c, d, 32); SHA256_Final(d, &c);
  static const char X[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) { out[2 * i] = X[d[i] >> 4]; out[2 * i + 1] = X[d[i] & 15]; }
}
static void put(Out *o, const char *s, size_t n) {
  if (o->n + n > o->cap) { o->cap = (o->cap + n) * 2; o->p = realloc(o->p, o->cap); }
  memcpy(o->p + o->n, s, n); o->n += n;
}
static void puts_(Out *o, const char *s) { put(o, s, strlen(s)); }
static int tws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

static long long NOW;

static int hexv(int c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }
/* application/x-www-form-urlencoded decoding, as URLSearchParams does it (ASCII/UTF-8 bytes kept) */
static size_t form_decode(const char *s, size_t n, char *o) {
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+') o[j++] = ' ';
    else if (s[i] == '%' && i + 2 < n + 0 && i + 2 <= n - 1 + 0 && hexv(s[i + 1]) >= 0 && hexv(s[i + 2]) >= 0) { o[j++] = hexv(s[i + 1]) * 16 + hexv(s[i + 2]); i += 2; }
    else o[j++] = s[i];
  }
  return j;
}

/* local wall time → epoch seconds, the zone offset cached per local hour (per thread) */
static __thread long long cached_hour = -1, cached_base;
static int expiry_epoch(const char *s, size_t n, long long *out) {
  if (n != 19) return 0;
  for (int i = 0; i < 19; i++) {
    int want = i == 4 || i == 7 ? '-' : i == 10 ? ' ' : i == 13 || i == 16 ? ':' : 0;
    if (want ? s[i] != want : !isdigit((unsigned char)s[i])) return 0;
  }
  int Y = atoi(s), M = atoi(s + 5), D = atoi(s + 8), h = atoi(s + 11), m = atoi(s + 14), sec = atoi(s + 17);
  if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 59) return 0;
  long long key = (((long long)Y * 12 + M) * 31 + D) * 24 + h;
  if (key != cached_hour) {
    struct tm tm = {0}; tm.tm_year = Y - 1900; tm.tm_mon = M - 1; tm.tm_mday = D; tm.tm_hour = h; tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (tm.tm_mday != D || tm.tm_hour != h) return 0; /* overflowed date or DST gap: not handled */
    cached_hour = key; cached_base = t;
  }
  *out = cached_base + m * 60 + sec;
  return 1;
}
static void duration(Out *o, long long t) {
  long long s = t < 0 ? -t : t; char b[64];
  if (s < 60) sprintf(b, "%lld s", s);
  else if (s < 3600) sprintf(b, "%lld min %lld s", s / 60, s % 60);
  else if (s < 86400) sprintf(b, "%lld h %lld min", s / 3600, s % 3600 / 60);
  else sprintf(b, "%lld d %lld h", s / 86400, s % 86400 / 3600);
  puts_(o, b);
}

/* ---- the mistake finder: findMistake in src/core/node/eber/mistakes.ts, for ASCII values ---- */

enum { A_SHA256, A_SHA1, A_SHA512, A_MD5 };
static const size_t ALG_LEN[4] = {32, 20, 64, 16};
static const char *ALG_HINT[4] = {NULL, "HASH_SHA1", "HASH_SHA512", "HASH_MD5"};
static int alg_of(size_t bytes) { return bytes == 32 ? A_SHA256 : bytes == 20 ? A_SHA1 : bytes == 64 ? A_SHA512 : bytes == 16 ? A_MD5 : -1; }
/* HMAC with a key given as bytes (createHmac): SHA-256 through the pads, hashed here for this one call;
 * the other algorithms through OpenSSL's HMAC(), only when the received hash's length asks for them. */
static void hmac_any(int alg, const void *key, size_t kl, const void *m, size_t ml, unsigned char *out) {
  if (alg == A_SHA256) {
    Key k; key_init(&k, key, kl); SHA256_CTX c = k.inner; unsigned char d[32];
    SHA256_Update(&c, m, ml); SHA256_Final(d, &c); c = k.outer; SHA256_Update(&c, d, 32); SHA256_Final(out, &c); return;
  }
  unsigned int len;
  HMAC(alg == A_SHA1 ? EVP_sha1() : alg == A_SHA512 ? EVP_sha512() : EVP_md5(), key, (int)kl, m, ml, out, &len);
}

/* keyVariants(): the real key, then the mistaken ones (deduplicated, empty ones skipped), pads hashed at start */
typedef struct { const char *hint; unsigned char *b; size_t n; Key k; } KeyVar;
static KeyVar kv[16]; static int nkv;
static void add_key(const char *hint, const void *b, size_t n) {
  if (n == 0) return;
  for (int i = 0; i < nkv; i++) if (kv[i].n == n && !memcmp(kv[i].b, b, n)) return;
  kv[nkv].hint = hint; kv[nkv].b = malloc(n); memcpy(kv[nkv].b, b, n); kv[nkv].n = n; key_init(&kv[nkv].k, b, n); nkv++;
}

static int b64v(int c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
}
/* Buffer.from(s, 'base64') in Node: both alphabets, other characters skipped, decoding stops at "=". */
static size_t node_b64(const char *s, size_t n, unsigned char *o) {
  uint32_t acc = 0; int bits = 0; size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '=') break;
    int v = b64v((unsigned char)s[i]); if (v < 0) continue;
    acc = acc << 6 | (uint32_t)v; bits += 6;
    if (bits >= 8) { bits -= 8; o[j++] = (unsigned char)(acc >> bits); }
  }
  return j;
}
/* /^(?:[0-9a-fA-F]{2})+$/ */
static int even_hex(const char *s, size_t n) { if (n == 0 || n % 2) return 0; for (size_t i = 0; i < n; i++) if (hexv((unsigned char)s[i]) < 0) return 0; return 1; }
static size_t unhex(const char *s, size_t n, unsigned char *o) { for (size_t i = 0; i < n / 2; i++) o[i] = hexv((unsigned char)s[2 * i]) << 4 | hexv((unsigned char)s[2 * i + 1]); return n / 2; }
/* /^[A-Za-z0-9+/_-]{min,}={0,2}$/: the body's length, or -1 */
static long b64_body(const char *s, size_t n, size_t min) {
  size_t body = n; while (body && s[body - 1] == '=') body--;
  if (body < min || body == 0 || n - body > 2) return -1;
  for (size_t i = 0; i < body; i++) if (b64v((unsigned char)s[i]) < 0) return -1;
  return (long)body;
}

/* readReceivedHash(): the digest the received hash stands for, its algorithm and its format's hints */
typedef struct { int alg; unsigned char d[64]; const char *h[2]; int nh; } Target;
static int read_received(Str r, Target *t) {
  t->nh = 0;
  if (even_hex(r.p, r.n)) {
    t->alg = alg_of(r.n / 2); if (t->alg < 0) return 0;
    unhex(r.p, r.n, t->d);
    if (ALG_HINT[t->alg]) t->h[t->nh++] = ALG_HINT[t->alg];
    for (size_t i = 0; i < r.n; i++) if (r.p[i] >= 'A' && r.p[i] <= 'F') { t->h[t->nh++] = "HASH_UPPERCASE"; break; }
    return 1;
  }
  /* base64 (a "+" arrives as a space when the URL does not encode it), or its url-safe form */
  char b[4096]; unsigned char bytes[4096];
  for (size_t i = 0; i < r.n; i++) b[i] = r.p[i] == ' ' ? '+' : r.p[i];
  long body = b64_body(b, r.n, 1);
  if (body < 0 || r.n % 4 == 1) return 0;
  size_t bn = node_b64(b, r.n, bytes);
  t->alg = alg_of(bn);
  if (t->alg < 0 || (long)((bn + 2) / 3 * 4) < body) return 0;
  memcpy(t->d, bytes, bn);
  if (ALG_HINT[t->alg]) t->h[t->nh++] = ALG_HINT[t->alg];
  t->h[t->nh++] = "HASH_BASE64";
  return 1;
}

/* PHP urlencode / rawurlencode */
static size_t php_urlencode(Str v, char *o, int raw) {
  static const char X[] = "0123456789ABCDEF"; size_t j = 0;
  for (size_t i = 0; i < v.n; i++) {
    unsigned char c = (unsigned char)v.p[i];
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || (raw && c == '~')) o[j++] = c;
    else if (!raw && c == ' ') o[j++] = '+';
    else { o[j++] = '%'; o[j++] = X[c >> 4]; o[j++] = X[c & 15]; }
  }
  return j;
}

/* identifierOptions(): the identifier, then its mistaken forms (deduplicated), at most two mistakes each */
typedef struct { const char *p; size_t n; const char *h[2]; int nh; } Opt;
#define MAX_OPT 64
typedef struct { Opt o[MAX_OPT]; int n; char *at; } Opts;
static int add_opt(Opts *os, const char *h0, const char *h1, const char *p, size_t n) {
  for (int i = 0; i < os->n; i++) if (os->o[i].n == n && !memcmp(os->o[i].p, p, n)) return 0;
  if (os->n == MAX_OPT) return -1;
  Opt *x = &os->o[os->n++]; x->p = p; x->n = n; x->nh = 0;
  if (h0) x->h[x->nh++] = h0;
  if (h1) x->h[x->nh++] = h1;
  if (p == os->at) os->at += n;
  return 0;
}
/* IDENTIFIER_TRANSFORMS on an ASCII value: its results written at os->at, then added. For ASCII,
 * IDENTIFIER_UNICODE_FORM gives the value itself (always already an option) and IDENTIFIER_LATIN1 nothing. */
static const char *THINT[5] = {"PLUS_DECODED_AS_SPACE", "IDENTIFIER_CASE", "IDENTIFIER_UNICODE_FORM", "IDENTIFIER_LATIN1", "IDENTIFIER_URLENCODED"};
static void apply(Opts *os, int t, const char *h0, Str v) {
  const char *h1 = h0 ? THINT[t] : NULL, *h = h0 ? h0 : THINT[t];
  char *b;
  switch (t) {
  case 0:
    if (!memchr(v.p, ' ', v.n)) return;
    b = os->at; for (size_t i = 0; i < v.n; i++) b[i] = v.p[i] == ' ' ? '+' : v.p[i];
    add_opt(os, h, h1, b, v.n); return;
  case 1:
    b = os->at; for (size_t i = 0; i < v.n; i++) b[i] = tolower((unsigned char)v.p[i]);
    add_opt(os, h, h1, b, v.n);
    b = os->at; for (size_t i = 0; i < v.n; i++) b[i] = toupper((unsigned char)v.p[i]);
    add_opt(os, h, h1, b, v.n); return;
  case 4:
    b = os->at; add_opt(os, h, h1, b, php_urlencode(v, b, 0));
    b = os->at; add_opt(os, h, h1, b, php_urlencode(v, b, 1)); return;
  default: return;
  }
}

static int ascii(Str s) { for (size_t i = 0; i < s.n; i++) if ((unsigned char)s.p[i] >= 0x80) return 0; return 1; }
static __thread Opts tls_opts; static __thread char *arena; static __thread size_t arena_cap;
static __thread unsigned char *mbuf; static __thread size_t mbuf_cap;

/*
 * findMistake: every combination of key × identifier × expiry × join × argument order with at most two
 * mistakes, fewest first (the order of a stable sort by rank), the one with none skipped unless the hash's
 * format is itself a mistake. For the bench's mismatching URLs (a lowercase email, a 64-hex-digit hash, an
 * expiry, the bench secret: 8 keys — the secret, 6 whitespace forms, base64-decoded —, 4 identifiers — the
 * email, its upper case, its urlencoded form, both —, 4 expiries, 6 joins, 2 orders) an unexplained
 * mismatch costs 137 HMACs here, as in Signet (18 with one mistake, 119 with two; counted on both sides).
 * Returns the hint count, 0 for none, -1 for values outside the reference's scope.
 */
static int find_mistake(const char **hints, Str id, Str raw, Str exp, Str recv) {
  if (!ascii(id) || !ascii(raw) || !ascii(exp)) return -1;
  Target t; if (!read_received(recv, &t)) return 0;
  size_t need = (MAX_OPT + 4) * 3 * (raw.n + id.n + 1) + 6 * exp.n + 64;
  if (need > arena_cap) { free(arena); arena_cap = need * 2; arena = malloc(arena_cap); }
  Opts *os = &tls_opts; os->n = 0; os->at = arena;
  add_opt(os, NULL, NULL, id.p, id.n);
  if (memchr(raw.p, '+', raw.n)) { /* phpUrlDecode(raw) keeping "+" */
    char *b = os->at; size_t j = 0;
    for (size_t i = 0; i < raw.n; i++) {
      if (raw.p[i] == '%' && i + 2 < raw.n && hexv((unsigned char)raw.p[i + 1]) >= 0 && hexv((unsigned char)raw.p[i + 2]) >= 0) { b[j++] = hexv((unsigned char)raw.p[i + 1]) * 16 + hexv((unsigned char)raw.p[i + 2]); i += 2; }
      else b[j++] = raw.p[i];
    }
    add_opt(os, "PLUS_DECODED_AS_SPACE", NULL, b, j);
  }
  for (int k = 0; k < 5; k++) apply(os, k, NULL, id);
  int pct = 0;
  for (size_t i = 0; i + 2 < raw.n && !pct; i++) pct = raw.p[i] == '%' && hexv((unsigned char)raw.p[i + 1]) >= 0 && hexv((unsigned char)raw.p[i + 2]) >= 0;
  if (pct) { /* a literal "%41" sent unencoded */
    char *b = os->at; for (size_t i = 0; i < raw.n; i++) b[i] = raw.p[i] == '+' ? ' ' : raw.p[i];
    add_opt(os, "IDENTIFIER_CUT_SHORT", NULL, b, raw.n);
  }
  int firsts = os->n;
  for (int f = 0; f < firsts; f++) {
    if (os->o[f].nh != 1) continue;
    Opt first = os->o[f];
    for (int k = 0; k < 5; k++) if (strcmp(THINT[k], first.h[0])) apply(os, k, first.h[0], (Str){first.p, first.n});
  }
  if (os->n == MAX_OPT) return -1;
  /* expiryOptions(), JOINS */
  char *ue = os->at, *re = ue + 3 * exp.n;
  Str exps[4] = {exp, {"", 0}, {ue, php_urlencode(exp, ue, 0)}, {re, php_urlencode(exp, re, 1)}};
  static const char *EHINT[4] = {NULL, "EXPIRY_NOT_HASHED", "EXPIRY_URLENCODED", "EXPIRY_URLENCODED"};
  static const char *JHINT[6] = {NULL, "MESSAGE_TRAILING_NEWLINE", "EXPIRY_FIRST", "EXPIRY_SEPARATOR", "EXPIRY_SEPARATOR", "EXPIRY_SEPARATOR"};
  static const Str SEP[6] = {{"", 0}, {"", 0}, {"", 0}, {" ", 1}, {"|", 1}, {":", 1}};
  int ne = exp.n ? 4 : 1, nj = exp.n ? 6 : 2;
  size_t dl = ALG_LEN[t.alg]; unsigned char out[64];
  for (int want = 0; want <= 2; want++)
    for (int k = 0; k < nkv; k++)
      for (int i = 0; i < os->n; i++)
        for (int e = 0; e < ne; e++)
          for (int j = 0; j < nj; j++)
            for (int s = 0; s < 2; s++) {
              const Opt *o = &os->o[i];
              int n = (kv[k].hint != NULL) + o->nh + (e > 0) + (j > 0) + s;
              if (n != want || (n == 0 && t.nh == 0)) continue;
              /* the message's pieces: identifier, expiry (joined as j says) */
              Str a = {o->p, o->n}, x = exps[e], sep = SEP[j], p[3];
              if (j == 2) { p[0] = x; p[1] = a; p[2] = (Str){"", 0}; }
              else if (j == 1) { p[0] = a; p[1] = x; p[2] = (Str){"\n", 1}; }
              else { p[0] = a; p[1] = sep; p[2] = x; }
              if (!s && t.alg == A_SHA256) {
                SHA256_CTX c = kv[k].k.inner; unsigned char d[32];
                for (int q = 0; q < 3; q++) SHA256_Update(&c, p[q].p, p[q].n);
                SHA256_Final(d, &c); c = kv[k].k.outer; SHA256_Update(&c, d, 32); SHA256_Final(out, &c);
              } else {
                size_t ml = p[0].n + p[1].n + p[2].n;
                if (ml + 1 > mbuf_cap) { free(mbuf); mbuf_cap = 2 * ml + 64; mbuf = malloc(mbuf_cap); }
                memcpy(mbuf, p[0].p, p[0].n); memcpy(mbuf + p[0].n, p[1].p, p[1].n); memcpy(mbuf + p[0].n + p[1].n, p[2].p, p[2].n);
                if (s) hmac_any(t.alg, mbuf, ml, kv[k].b, kv[k].n, out);
                else hmac_any(t.alg, kv[k].b, kv[k].n, mbuf, ml, out);
              }
              if (memcmp(out, t.d, dl)) continue;
              int c = 0;
              if (kv[k].hint) hints[c++] = kv[k].hint;
              for (int q = 0; q < o->nh; q++) hints[c++] = o->h[q];
              if (e) hints[c++] = EHINT[e];
              if (j) hints[c++] = JHINT[j];
              if (s) hints[c++] = "HMAC_ARGUMENTS_SWAPPED";
              for (int q = 0; q < t.nh; q++) hints[c++] = t.h[q];
              return c;
            }
  return 0;
}

typedef struct { long records, valid, invalid, malformed; } Counts;

static void verify_line(Out *o, const char *l, size_t n, long line, Counts *c) {
  char lb[48];
  c->records++;
  Str u = {l, n};
  while (u.n && tws((unsigned char)u.p[0])) { u.p++; u.n--; }
  while (u.n && tws((unsigned char)u.p[u.n - 1])) u.n--;
  if (u.n < 8 || memcmp(u.p, "https://", 8)) goto unhandled;
  /* characters the URL parser would drop or percent-encode (the raw identifier is read as it keeps it) */
  for (size_t i = 0; i < u.n; i++) { unsigned char ch = u.p[i]; if (ch <= 0x20 || ch >= 0x7f || ch == '"' || ch == '<' || ch == '>' || ch == '\'' || ch == '\\') goto unhandled; }
  const char *q = memchr(u.p, '?', u.n), *end = u.p + u.n;
  if (memchr(u.p, '#', u.n)) goto unhandled;
  const char *path = memchr(u.p + 8, '/', (q ? q : end) - (u.p + 8));
  if (!path || (q ? q : end) - path != 11 || memcmp(path, "/login/hmac", 11)) goto unhandled;
  { /* a plain host name: letters, digits, "-", "."; not one the URL parser reads as an IPv4 address */
    const char *h = u.p + 8, *label = h;
    if (path == h) goto unhandled;
    for (const char *x = h; x < path; x++) { if (!(isalnum((unsigned char)*x) || *x == '-' || *x == '.')) goto unhandled; if (*x == '.' && x + 1 < path) label = x + 1; }
    int num = 1; for (const char *x = label; x < path && *x != '.'; x++) num &= isdigit((unsigned char)*x) != 0;
    if (num || (path - label > 1 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'))) goto unhandled;
  }
  char email[4096], hash[4096], exp[4096]; size_t el = 0, hl = 0, xl = 0; int he = 0, hh = 0, hx = 0; Str raw = {"", 0};
  for (const char *p = q ? q + 1 : end; p < end;) {
    const char *amp = memchr(p, '&', end - p); if (!amp) amp = end;
    const char *eq = memchr(p, '=', amp - p); const char *ne = eq ? eq : amp;
    if (ne - p >= 64) goto unhandled;
    char name[64]; size_t nl = form_decode(p, ne - p, name);
    const char *v = eq ? eq + 1 : amp; size_t vl = amp - v;
    if (vl >= 4096) goto unhandled;
    if (nl == 10 && !memcmp(name, "hmac_email", 10)) { if (he) goto unhandled; el = form_decode(v, vl, email); he = 1; raw = (Str){v, vl}; }
    else if (nl == 9 && !memcmp(name, "hmac_hash", 9)) { if (hh) goto unhandled; hl = form_decode(v, vl, hash); hh = 1; }
    else if (nl == 16 && !memcmp(name, "hmac_expiry_date", 16)) { if (hx) goto unhandled; xl = form_decode(v, vl, exp); hx = 1; }
    else if (nl) goto unhandled;
    p = amp + 1;
  }
  hx = hx && xl > 0; /* an empty hmac_expiry_date is read as absent */
  const char *codes[4]; int nc = 0; const char *hints[8]; int nh = 0;
  int has_id = he && el > 0;
  if (!has_id) codes[nc++] = "IDENTIFIER_MISSING";
  long long until = 0; int has_until = 0;
  if (hx) {
    long long t;
    if (!expiry_epoch(exp, xl, &t)) codes[nc++] = "EXPIRY_FORMAT"; /* (also the unhandled gap: differs) */
    else { until = t - NOW; has_until = 1; if (until < 0) codes[nc++] = "EXPIRED"; }
  }
  Str id = {email, el}, ex = {exp, hx ? xl : 0};
  if (!hh || hl == 0) codes[nc++] = "HASH_MISSING";
  else {
    int hexok = hl == 64; for (size_t i = 0; i < hl && hexok; i++) hexok = hexv((unsigned char)hash[i]) >= 0;
    int mismatch = 0;
    if (!hexok) { codes[nc++] = "HASH_MALFORMED"; mismatch = 1; }
    else if (has_id) {
      char d[64]; hmac_hex(&kv[0].k, id, ex, d);
      if (memcmp(d, hash, 64)) { codes[nc++] = "HASH_MISMATCH"; mismatch = 1; }
    }
    if (mismatch && has_id) {
      nh = find_mistake(hints, id, raw, ex, (Str){hash, hl});
      if (nh < 0) goto unhandled;
    }
  }
  put(o, lb, sprintf(lb, "{\"line\":%ld,\"valid\":", line));
  if (nc == 0) {
    c->valid++;
    puts_(o, "true,\"codes\":[],\"hints\":[],\"summary\":\"Valid login URL");
    if (has_until) { puts_(o, ", expires in "); duration(o, until); } else puts_(o, ", no expiry");
    puts_(o, ".\"}\n"); return;
  }
  c->invalid++;
  puts_(o, "false,\"codes\":[");
  for (int k = 0; k < nc; k++) { if (k) puts_(o, ","); puts_(o, "\""); puts_(o, codes[k]); puts_(o, "\""); }
  puts_(o, "],\"hints\":[");
  for (int k = 0; k < nh; k++) { if (k) puts_(o, ","); puts_(o, "\""); puts_(o, hints[k]); puts_(o, "\""); }
  puts_(o, "],\"summary\":\"Invalid login URL (");
  if (nh) { puts_(o, "likely cause: "); for (int k = 0; k < nh; k++) { if (k) puts_(o, " + "); puts_(o, hints[k]); } }
  else for (int k = 0; k < nc; k++) { if (k) puts_(o, ", "); puts_(o, codes[k]); }
  puts_(o, ").\"}\n");
  return;
unhandled:
  c->malformed++;
  put(o, lb, sprintf(lb, "{\"line\":%ld,\"valid\":", line));
  puts_(o, "false,\"error\":{\"code\":\"UNHANDLED_BY_C_REFERENCE\",\"message\":\"outside the C reference's scope\"}}\n");
}

typedef struct { const char *p; size_t n; long first; Out out; Counts c; } Part;
static void *work(void *arg) {
  Part *w = arg; const char *p = w->p, *end = p + w->n; long line = w->first;
  w->out.cap = w->n / 2 + 4096; w->out.p = malloc(w->out.cap);
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
  if (argc != 5) { fprintf(stderr, "usage: TZ=ZONE %s FILE SECRET NOW_EPOCH_SECONDS THREADS\n", argv[0]); return 2; }
  tzset();
  const char *secret = argv[2]; size_t sl = strlen(secret);
  /* keyVariants(): the secret's bytes; the trimmed secret and the whitespace forms; base64- and hex-decoded */
  if (sl == 0) { fprintf(stderr, "the secret is empty\n"); return 2; }
  add_key(NULL, secret, sl);
  const char *s = secret; size_t tl = sl;
  while (tl && strchr(" \t\r\n", *s)) { s++; tl--; }
  while (tl && strchr(" \t\r\n", s[tl - 1])) tl--;
  char *w = malloc(sl + 4);
  const char *body[9] = {s, secret, secret, s, s, s, s, s, s}, *pre[9] = {"", "", "", "", "", "", " ", "", "\t"},
             *post[9] = {"", "\n", "\r\n", "\n", "\r\n", " ", "", "\t", ""};
  for (int i = 0; i < 9; i++) {
    int bl = (int)(body[i] == s ? tl : sl);
    add_key("SECRET_WHITESPACE", w, sprintf(w, "%s%.*s%s", pre[i], bl, body[i], post[i]));
  }
  unsigned char *kb = malloc(sl + 4);
  if (b64_body(s, tl, 4) >= 0) add_key("SECRET_BASE64_DECODED", kb, node_b64(s, tl, kb));
  if (even_hex(s, tl)) add_key("SECRET_HEX_DECODED", kb, unhex(s, tl, kb));
  NOW = atoll(argv[3]); int T = atoi(argv[4]); if (T < 1) T = 1;
  int fd = open(argv[1], O_RDONLY); struct stat sb; if (fd < 0 || fstat(fd, &sb)) { perror(argv[1]); return 2; }
  size_t size = sb.st_size; const char *data = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : "";
  Part *parts = calloc(T, sizeof *parts); pthread_t *th = calloc(T, sizeof *th);
  const char *p = data; long line = 1;
  for (int t = 0; t < T; t++) {
    const char *e = t == T - 1 ? data + size : data + size * (t + 1) / T;
    if (e < p) e = p;
    if (t < T - 1) { const char *nl = memchr(e, '\n', data + size - e); e = nl ? nl + 1 : data + size; }
    parts[t] = (Part){p, (size_t)(e - p), line};
    for (const char *x = p; (x = memchr(x, '\n', e - x)); x++) line++;
    p = e;
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
