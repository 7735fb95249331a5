/*
 * C reference for `signet eber verify-batch` (one login URL per line), used by scripts/bench.mjs.
 * OpenSSL SHA-256 with the HMAC pads hashed once, the file mmap'ed and split between N threads, the
 * zone offset from the C library (TZ) cached per local hour, verdict lines in input order, byte-identical
 * to Signet's for the shapes it handles: https://HOST/login/hmac?… with hmac_email, hmac_hash and
 * hmac_expiry_date (valid, EXPIRED, HASH_MISSING / HASH_MALFORMED / HASH_MISMATCH with the same mistake
 * finder, EXPIRY_FORMAT for a value that is not Y-m-d H:i:s, IDENTIFIER_MISSING). Not handled (output
 * differs): phone / custom-id identifiers, hmac_locale, repeated parameters, wall times in a DST gap or a
 * repeated hour (PHP's rule), PHP's lenient date overflow, URLs the WHATWG parser would normalise.
 *
 * Build: gcc -O2 -pthread eber-verify-batch.c -lcrypto
 * Run:   TZ=Europe/London eber-verify-batch FILE SECRET NOW_EPOCH_SECONDS THREADS > verdicts.jsonl
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
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

static Key keys[4]; static int nkeys; static long long NOW;

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

static const char *keyhint[4] = {NULL, "SECRET_WHITESPACE", "SECRET_WHITESPACE", "SECRET_WHITESPACE"};
static int find_mistake(const char **hints, Str id, Str exp, Str recv) {
  char lo[4096], up[4096]; Str ids[3]; const char *ih[3]; int ni = 0;
  ids[ni] = id; ih[ni++] = NULL;
  for (size_t i = 0; i < id.n; i++) { lo[i] = tolower((unsigned char)id.p[i]); up[i] = toupper((unsigned char)id.p[i]); }
  if (memchr(id.p, ' ', id.n)) return -1; /* PLUS_DECODED_AS_SPACE: not handled */
  if (memcmp(lo, id.p, id.n)) { ids[ni] = (Str){lo, id.n}; ih[ni++] = "IDENTIFIER_CASE"; }
  if (memcmp(up, id.p, id.n) && memcmp(up, lo, id.n)) { ids[ni] = (Str){up, id.n}; ih[ni++] = "IDENTIFIER_CASE"; }
  Str exps[2] = {exp, {"", 0}}; int ne = exp.n ? 2 : 1;
  char rlow[64]; int upper = 0;
  for (int i = 0; i < 64; i++) { rlow[i] = tolower((unsigned char)recv.p[i]); upper |= rlow[i] != recv.p[i]; }
  for (int want = 0; want <= 3; want++)
    for (int k = 0; k < nkeys; k++)
      for (int i = 0; i < ni; i++)
        for (int e = 0; e < ne; e++) {
          int nh = (k > 0) + (ih[i] != NULL) + (e > 0);
          if (nh != want) continue;
          char d[64]; hmac_hex(&keys[k], ids[i], exps[e], d);
          int n = 0;
          if (k) hints[n++] = keyhint[k];
          if (ih[i]) hints[n++] = ih[i];
          if (e) hints[n++] = "EXPIRY_NOT_HASHED";
          if (nh > 0 && !memcmp(recv.p, d, 64)) return n;
          if (upper && !memcmp(rlow, d, 64)) { hints[n++] = "HASH_UPPERCASE"; return n; }
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
  const char *q = memchr(u.p, '?', u.n), *end = u.p + u.n;
  if (memchr(u.p, '#', u.n)) goto unhandled;
  const char *path = memchr(u.p + 8, '/', (q ? q : end) - (u.p + 8));
  if (!path || (q ? q : end) - path != 11 || memcmp(path, "/login/hmac", 11)) goto unhandled;
  char email[4096], hash[4096], exp[4096]; size_t el = 0, hl = 0, xl = 0; int he = 0, hh = 0, hx = 0;
  for (const char *p = q ? q + 1 : end; p < end;) {
    const char *amp = memchr(p, '&', end - p); if (!amp) amp = end;
    const char *eq = memchr(p, '=', amp - p); const char *ne = eq ? eq : amp;
    char name[64]; size_t nl = (size_t)(ne - p) < 64 ? form_decode(p, ne - p, name) : 0;
    const char *v = eq ? eq + 1 : amp; size_t vl = amp - v;
    if (vl >= 4096) goto unhandled;
    if (nl == 10 && !memcmp(name, "hmac_email", 10)) { if (he) goto unhandled; el = form_decode(v, vl, email); he = 1; }
    else if (nl == 9 && !memcmp(name, "hmac_hash", 9)) { if (hh) goto unhandled; hl = form_decode(v, vl, hash); hh = 1; }
    else if (nl == 16 && !memcmp(name, "hmac_expiry_date", 16)) { if (hx) goto unhandled; xl = form_decode(v, vl, exp); hx = 1; }
    else if (nl) goto unhandled;
    p = amp + 1;
  }
  const char *codes[4]; int nc = 0; const char *hints[4]; int nh = 0;
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
    if (!hexok) codes[nc++] = "HASH_MALFORMED";
    else if (has_id) {
      char d[64]; hmac_hex(&keys[0], id, ex, d);
      if (memcmp(d, hash, 64)) {
        codes[nc++] = "HASH_MISMATCH";
        nh = find_mistake(hints, id, ex, (Str){hash, 64});
        if (nh < 0) goto unhandled;
      }
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
  key_init(&keys[0], (const unsigned char *)secret, sl); nkeys = 1;
  /* the secret's whitespace variants, deduplicated, as mistakenSecrets() makes them */
  const char *s = secret; size_t tl = sl; while (tl && tws((unsigned char)*s)) { s++; tl--; } while (tl && tws((unsigned char)s[tl - 1])) tl--;
  char vs[3][4200]; size_t vl[3]; int nv = 0;
  char *a = malloc(tl + 2), *b = malloc(sl + 2), *cc = malloc(tl + 2);
  memcpy(a, s, tl); memcpy(b, secret, sl); b[sl] = '\n'; memcpy(cc, s, tl); cc[tl] = '\n';
  const char *cand[3] = {a, b, cc}; size_t cl[3] = {tl, sl + 1, tl + 1};
  for (int i = 0; i < 3; i++) {
    if ((cl[i] == sl && !memcmp(cand[i], secret, sl)) || cl[i] == 0 || cl[i] > 4096) continue;
    int dup = 0; for (int j = 0; j < nv; j++) dup |= vl[j] == cl[i] && !memcmp(vs[j], cand[i], cl[i]);
    if (dup) continue;
    memcpy(vs[nv], cand[i], cl[i]); vl[nv] = cl[i]; key_init(&keys[1 + nv], (unsigned char *)vs[nv], vl[nv]); nv++;
  }
  nkeys = 1 + nv;
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
