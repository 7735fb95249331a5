/*
 * C reference for `signet mmob verify-batch` (JSONL input), used by scripts/bench.mjs as the machine's
 * practical limit: OpenSSL SHA-256 with the HMAC pads hashed once per key, the file mmap'ed and split
 * between N threads, verdict lines written in input order, byte-identical to Signet's for the shapes it
 * handles: valid; TIMESTAMP_INVALID / TOO_OLD / IN_FUTURE; NONCE_LENGTH; SIGNATURE_MALFORMED (part
 * count, empty part); SIGNATURE_MISMATCH with the same mistake finder (key variants x message variants,
 * base64 / hex / base64url digests; ASCII case mapping only); a line that ends inside its JSON
 * (JSON_INVALID "Unexpected end of JSON input."); FIELD_MISSING / FIELD_TYPE for the three required
 * fields. Not handled (output differs from Signet): other JSON syntax errors (V8's message text), \u
 * escapes, a per-record "now", non-ASCII case mapping, non-base64 MAC characters, CSV.
 *
 * Build: gcc -O2 -pthread mmob-verify-batch.c -lcrypto
 * Run:   mmob-verify-batch FILE SECRET_BASE64 NOW_SECONDS TOLERANCE THREADS > verdicts.jsonl
 * Prints {"records":…,"valid":…,"invalid":…,"malformed":…} on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <openssl/evp.h>
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
static Key keys[3]; static int nkeys; static int64_t NOW, TOL;

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
static int is_hex(Str s) { if (!s.n) return 0; for (size_t i = 0; i < s.n; i++) if (!isxdigit((unsigned char)s.p[i])) return 0; return 1; }

/* The mistake finder: same candidates, order and comparisons as findMistake in verify.ts. Writes hint names. */
static int find_mistake(const char **hints, Str ts, Str cp, Str cpd, Str email, Str nonce, Str recv, const char **keyhint) {
  char ev[5][4200]; Str evs[5]; int nev = 0;
  Str t = trim(email);
  Str cand[5];
  char lo[4200], up[4200], tlo[4200];
  for (size_t i = 0; i < email.n; i++) { lo[i] = tolower((unsigned char)email.p[i]); up[i] = toupper((unsigned char)email.p[i]); }
  for (size_t i = 0; i < t.n; i++) tlo[i] = tolower((unsigned char)t.p[i]);
  cand[0] = (Str){"", 0}; cand[1] = t; cand[2] = (Str){lo, email.n}; cand[3] = (Str){up, email.n}; cand[4] = (Str){tlo, t.n};
  for (int c = 0; c < 5; c++) {
    if (cand[c].n == email.n && !memcmp(cand[c].p, email.p, email.n)) continue;
    int dup = 0;
    for (int d = 0; d < nev; d++) if (evs[d].n == cand[c].n && !memcmp(evs[d].p, cand[c].p, cand[c].n)) dup = 1;
    if (dup) continue;
    memcpy(ev[nev], cand[c].p, cand[c].n); evs[nev] = (Str){ev[nev], cand[c].n}; nev++;
  }
  /* messages: canonical, email variants, swapped, ms timestamp */
  static __thread char msg[8][8400]; size_t mlen[8]; const char *mh[8]; int nm = 0;
  mlen[nm] = canon(msg[nm], ts, cp, cpd, email, nonce); mh[nm++] = NULL;
  for (int v = 0; v < nev; v++) { mlen[nm] = canon(msg[nm], ts, cp, cpd, evs[v], nonce); mh[nm++] = "EMAIL_MISMATCH"; }
  mlen[nm] = canon(msg[nm], ts, cpd, cp, email, nonce); mh[nm++] = "FIELDS_SWAPPED";
  int digits = ts.n >= 1 && ts.n <= 15; for (size_t i = 0; i < ts.n && digits; i++) digits = isdigit((unsigned char)ts.p[i]);
  if (digits) {
    char o[32]; long long v = strtoll(ts.p, NULL, 10);
    int on = v >= 100000000000LL ? sprintf(o, "%lld", v / 1000) : sprintf(o, "%lld", v * 1000);
    mlen[nm] = canon(msg[nm], (Str){o, (size_t)on}, cp, cpd, email, nonce); mh[nm++] = "TIMESTAMP_IN_MILLISECONDS";
  }
  int recv_hex = recv.n == 64 && is_hex(recv);
  char rlow[64]; if (recv_hex) for (int i = 0; i < 64; i++) rlow[i] = tolower((unsigned char)recv.p[i]);
  /* candidates in order of hint count (stable): 0, 1, 2 */
  for (int want = 0; want <= 2; want++)
    for (int k = 0; k < nkeys; k++)
      for (int m = 0; m < nm; m++) {
        int nh = (k > 0) + (mh[m] != NULL);
        if (nh != want) continue;
        unsigned char d[32]; char s[44];
        hmac(&keys[k], msg[m], mlen[m], d); b64(d, 32, s);
        int n = 0;
        if (k > 0) hints[n++] = keyhint[k];
        if (mh[m]) hints[n++] = mh[m];
        if (nh > 0 && recv.n == 44 && !memcmp(recv.p, s, 44)) return n;
        if (recv_hex) {
          static const char X[] = "0123456789abcdef"; char h[64];
          for (int i = 0; i < 32; i++) { h[2 * i] = X[d[i] >> 4]; h[2 * i + 1] = X[d[i] & 15]; }
          if (!memcmp(h, rlow, 64)) { hints[n++] = "DIGEST_HEX"; return n; }
        }
        /* unpadded: 43 chars; base64url of it */
        if (recv.n == 43) {
          if (!memcmp(recv.p, s, 43)) { hints[n++] = "DIGEST_BASE64URL"; return n; }
          int ok = 1;
          for (int i = 0; i < 43 && ok; i++) { char c = s[i] == '+' ? '-' : s[i] == '/' ? '_' : s[i]; ok = recv.p[i] == c; }
          if (ok) { hints[n++] = "DIGEST_BASE64URL"; return n; }
        }
      }
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
    const char *codes[4]; int nc = 0; const char *hints[4]; int nh = 0;
    int digits = ts.n <= 15; for (size_t k = 0; k < ts.n && digits; k++) digits = isdigit((unsigned char)ts.p[k]);
    if (!digits) codes[nc++] = "TIMESTAMP_INVALID";
    else {
      long long t = strtoll(ts.p, NULL, 10), age = NOW - t;
      if (age > TOL) codes[nc++] = "TIMESTAMP_TOO_OLD"; else if (-age > TOL) codes[nc++] = "TIMESTAMP_IN_FUTURE";
      if (t >= 100000000000LL) hints[nh++] = "TIMESTAMP_IN_MILLISECONDS";
    }
    if (nonce.n < 30 || nonce.n > 50) codes[nc++] = "NONCE_LENGTH";
    char m[8400]; size_t ml = canon(m, ts, cp, cpd, email, nonce);
    unsigned char d[32]; char s[44]; hmac(&keys[0], m, ml, d); b64(d, 32, s);
    if (!(mac.n == 44 && !memcmp(mac.p, s, 44))) {
      codes[nc++] = "SIGNATURE_MISMATCH";
      static const char *keyhint[3] = {NULL, "SECRET_USED_AS_TEXT", "SECRET_HEX_DECODED"};
      const char *found[4]; int nf = find_mistake(found, ts, cp, cpd, email, nonce, mac, keyhint);
      for (int k = 0; k < nf; k++) { int dup = 0; for (int j = 0; j < nh; j++) dup |= !strcmp(hints[j], found[k]); if (!dup) hints[nh++] = found[k]; }
    }
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
  const char *secret = argv[2]; size_t sl = strlen(secret);
  unsigned char *kb = malloc(sl + 4); int kl = EVP_DecodeBlock(kb, (const unsigned char *)secret, sl);
  if (kl < 0) { fprintf(stderr, "bad base64 secret\n"); return 2; }
  for (size_t i = sl; i > 0 && secret[i - 1] == '='; i--) kl--;
  key_init(&keys[0], kb, kl); key_init(&keys[1], (const unsigned char *)secret, sl); nkeys = 2;
  Str st = trim((Str){secret, sl});
  if (is_hex(st) && st.n % 2 == 0) { unsigned char hb[4096]; for (size_t i = 0; i < st.n / 2; i++) sscanf(st.p + 2 * i, "%2hhx", &hb[i]); key_init(&keys[2], hb, st.n / 2); nkeys = 3; }
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
