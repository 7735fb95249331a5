/**
 * The capture receiver: a real HTTP server on loopback that stands in for Eber's login endpoint and for the
 * mmob marketplace's /boot, so the integrator's own app can be pointed at it and every real login redirect
 * or boot post is verified as it arrives.
 *
 * Safe by construction: it binds 127.0.0.1 and ::1 only; it answers only requests whose Host is its own
 * loopback host:port (a DNS-rebinding page cannot talk to it); it sends no CORS header; headers, bodies,
 * concurrency and request rate are bounded and slow clients time out, each refusal with a clear status and
 * sentence; captures stay in memory (bounded) and no answer, entry or export ever holds a secret.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SignetInputError } from '../core/common/errors';
import { EBER_IDENTIFIER_PARAMS, EBER_LOGIN_PATH } from '../core/common/eber/constants';
import { MMOB_BOOT_PATH, parseBootBody, type BootFields } from '../core/common/har';
import { verifyEberUrl } from '../core/node/eber/verify';
import { mmobKey } from '../core/node/mmob/sign';
import { verifyMmob } from '../core/node/mmob/verify';
import { assertTimezone } from '../core/common/eber/expiry';
import { messageHtml, SECURITY_HEADERS, verdictHtml, type PageRow } from './page';

export type ForwardMode = 'never' | 'valid' | 'always';
export const FORWARD_MODES: readonly ForwardMode[] = ['never', 'valid', 'always'];

export interface EberCaptureConfig {
  secret: string;
  /** The business's IANA time zone: the expiry is read in it. */
  timezone: string;
  /** The real business origin (https://demo.eber.co) to forward to; needed when forward is not "never". */
  forwardTo?: string | null | undefined;
}
export interface MmobCaptureConfig {
  secret: string;
  toleranceSeconds?: number | undefined;
}

export interface ReceiverLimits {
  /** Captures kept in memory; the oldest are dropped beyond this. */
  maxEntries: number;
  /** Request body bytes (a boot post is well under 4 KiB). */
  maxBodyBytes: number;
  /** Request line plus headers, bytes (Node's maxHeaderSize). */
  maxHeaderBytes: number;
  /** Requests being handled at once; more get 429. */
  maxInFlight: number;
  /** Open connections; more are refused by the socket layer. */
  maxConnections: number;
  /** Requests accepted per second (all paths); more get 429 with Retry-After. */
  perSecond: number;
  /** Time allowed for a request's headers, and for the whole request, to arrive. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** mmob nonces remembered for replay detection. */
  maxNonces: number;
}

export const DEFAULT_LIMITS: ReceiverLimits = {
  maxEntries: 5_000,
  maxBodyBytes: 64 * 1024,
  maxHeaderBytes: 32 * 1024,
  maxInFlight: 1_024,
  maxConnections: 2_048,
  perSecond: 2_000,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  maxNonces: 100_000,
};

export interface ReceiverOptions {
  /** 0 or absent: a free port. */
  port?: number | undefined;
  eber?: EberCaptureConfig | null | undefined;
  mmob?: MmobCaptureConfig | null | undefined;
  forward?: ForwardMode | undefined;
  now?: (() => Date) | undefined;
  onEntry?: ((entry: CaptureEntry) => void) | undefined;
  limits?: Partial<ReceiverLimits> | undefined;
}

export interface CaptureParameter {
  name: string;
  /** As sent (Eber: the query's raw text; mmob: the decoded field). */
  raw: string;
  /** As the server decodes it. */
  decoded: string;
}

export interface CaptureEntry {
  id: number;
  at: string;
  scheme: 'eber' | 'mmob';
  /** The Eber identifier or the boot post's customer email, as decoded. */
  identifier: string | null;
  verdict: 'valid' | 'invalid' | 'malformed';
  codes: string[];
  hints: string[];
  summary: string;
  messages: string[];
  parameters: CaptureParameter[];
  request: {
    /** The request line exactly as received: method, raw target (query bytes untouched), version. */
    line: string;
    method: string;
    /** The raw request target (path and query), before any decoding. */
    target: string;
    contentType: string | null;
    /** The raw body as UTF-8 text (mmob), null for a GET. */
    body: string | null;
    bodyBytes: number;
    /** The page that sent it, when the browser said (Origin, else Referer's origin). */
    origin: string | null;
    remote: string;
  };
  /** Where the browser was sent on (302 Location), or null when the verdict page was shown. */
  forwardedTo: string | null;
}

export type RefusalReason =
  | 'host'
  | 'rate'
  | 'busy'
  | 'notFound'
  | 'method'
  | 'bodyTooLarge'
  | 'headersTooLarge'
  | 'timeout'
  | 'badRequest'
  | 'unsupported';

export interface ReceiverStats {
  requests: number;
  captured: number;
  valid: number;
  invalid: number;
  malformed: number;
  /** Entries dropped from memory (oldest first) to stay within maxEntries. */
  dropped: number;
  refused: Record<RefusalReason, number>;
}

export interface ListenInfo {
  port: number;
  /** The addresses actually bound: 127.0.0.1, and ::1 where the machine has IPv6 loopback. */
  addresses: string[];
  /** http://127.0.0.1:PORT — Eber's business base URL and mmob's marketplace_url both point here. */
  baseUrl: string;
}

const LOOPBACK = ['127.0.0.1', '::1'] as const;

const text = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max)}…` : s);

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The origin a browser gave for the page that sent the request (Origin, else Referer), or null. */
function originOf(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin.length > 0) return text(origin, 300);
  const referer = req.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return null;
    }
  }
  return null;
}

/** The receiver's answer to a refusal or unknown path: a status, one sentence, no secret, no echo of the body. */
interface Refusal {
  status: number;
  title: string;
  lines: string[];
  headers?: Record<string, string>;
}

export class Receiver {
  private readonly limits: ReceiverLimits;
  private readonly forward: ForwardMode;
  private readonly now: () => Date;
  private readonly servers: Server[] = [];
  private readonly entries: CaptureEntry[] = [];
  private readonly nonces = new Set<string>();
  private readonly secrets: string[];
  private nextId = 1;
  private inFlight = 0;
  private windowStart = 0;
  private windowCount = 0;
  private allowedHosts = new Set<string>();
  private info: ListenInfo | null = null;
  private stopped = false;
  readonly stats: ReceiverStats = {
    requests: 0,
    captured: 0,
    valid: 0,
    invalid: 0,
    malformed: 0,
    dropped: 0,
    refused: {
      host: 0,
      rate: 0,
      busy: 0,
      notFound: 0,
      method: 0,
      bodyTooLarge: 0,
      headersTooLarge: 0,
      timeout: 0,
      badRequest: 0,
      unsupported: 0,
    },
  };

  constructor(private readonly options: ReceiverOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.forward = options.forward ?? 'never';
    this.now = options.now ?? (() => new Date());
    if (!options.eber && !options.mmob) {
      throw new SignetInputError('CAPTURE_SCHEME', 'Choose what to capture: an Eber secret and time zone, an mmob secret, or both.');
    }
    // Refused here, once, rather than on every request: an unusable secret or time zone.
    if (options.eber) {
      if (options.eber.secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The Eber secret is empty.', 'secret');
      assertTimezone(options.eber.timezone);
    }
    if (options.mmob) mmobKey(options.mmob.secret);
    if (this.forward !== 'never') {
      const to = options.eber?.forwardTo;
      if (!options.eber || !to)
        throw new SignetInputError('BASE_URL_REQUIRED', 'Forwarding needs the real business base URL, e.g. https://demo.eber.co.', 'baseUrl');
      assertForwardOrigin(to);
    }
    // Whatever a request carries is redacted of these before it is kept or shown (an integrator who pastes the
    // secret into a field by mistake must not find it in the capture list or an export).
    const s: string[] = [];
    if (options.eber) s.push(options.eber.secret);
    if (options.mmob) s.push(options.mmob.secret);
    this.secrets = s.filter((x) => x.length >= 6);
  }

  /** Binds 127.0.0.1 (and ::1 where it exists) on the chosen port, or on a free one. */
  async start(): Promise<ListenInfo> {
    const wanted = this.options.port ?? 0;
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65_535)
      throw new SignetInputError('CAPTURE_PORT', `The port must be a whole number from 1 to 65535 (or empty for a free one).`, 'port');
    for (let attempt = 0; ; attempt++) {
      const v4 = this.makeServer();
      try {
        await listenOn(v4, wanted, LOOPBACK[0]);
      } catch (e) {
        throw portError(e, wanted);
      }
      const port = (v4.address() as { port: number }).port;
      const addresses: string[] = [LOOPBACK[0]];
      const v6 = this.makeServer();
      try {
        await listenOn(v6, port, LOOPBACK[1]);
        addresses.push(LOOPBACK[1]);
        this.servers.push(v4, v6);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') {
          this.servers.push(v4); // no IPv6 loopback on this machine: 127.0.0.1 only
        } else {
          await closeServer(v4);
          if (wanted === 0 && attempt < 5) continue; // the free port was free on v4 only: try another
          throw portError(e, port);
        }
      }
      this.allowedHosts = new Set([`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`]);
      this.info = { port, addresses, baseUrl: `http://127.0.0.1:${port}` };
      return this.info;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const servers = this.servers.splice(0);
    await Promise.all(servers.map(closeServer));
  }

  get listening(): ListenInfo | null {
    return this.stopped ? null : this.info;
  }

  /** Captures with an id above sinceId, oldest first, at most `limit`. */
  list(sinceId = 0, limit = 500): { entries: CaptureEntry[]; lastId: number; more: boolean } {
    const start = this.entries.findIndex((e) => e.id > sinceId);
    const from = start === -1 ? this.entries.length : start;
    const entries = this.entries.slice(from, from + limit);
    return { entries, lastId: this.nextId - 1, more: from + limit < this.entries.length };
  }

  /** Every capture still in memory as JSON lines (no secret is ever in an entry). */
  exportJsonl(): string {
    return this.entries.map((e) => JSON.stringify(e)).join('\n') + (this.entries.length > 0 ? '\n' : '');
  }

  private makeServer(): Server {
    const l = this.limits;
    const server = createServer(
      {
        maxHeaderSize: l.maxHeaderBytes,
        headersTimeout: l.headersTimeoutMs,
        requestTimeout: l.requestTimeoutMs,
        keepAliveTimeout: 2_000,
        connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(l.headersTimeoutMs / 4))),
        requireHostHeader: true,
        joinDuplicateHeaders: false,
      },
      (req, res) => this.handle(req, res),
    );
    server.maxConnections = l.maxConnections;
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => this.clientError(err, socket));
    return server;
  }

  /** Requests Node's parser refused before any handler ran: too-large headers, timeouts, malformed HTTP. */
  private clientError(err: NodeJS.ErrnoException, socket: Socket): void {
    let status: number;
    let reason: string;
    let sentence: string;
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      this.stats.refused.headersTooLarge++;
      [status, reason] = [431, 'Request Header Fields Too Large'];
      sentence = `Signet capture: the request line and headers exceed ${this.limits.maxHeaderBytes} bytes.`;
    } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      this.stats.refused.timeout++;
      [status, reason] = [408, 'Request Timeout'];
      sentence = `Signet capture: the request did not arrive in time (headers within ${this.limits.headersTimeoutMs} ms, the whole request within ${this.limits.requestTimeoutMs} ms).`;
    } else if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      socket.destroy();
      return;
    } else {
      this.stats.refused.badRequest++;
      [status, reason] = [400, 'Bad Request'];
      sentence = 'Signet capture: this is not a well-formed HTTP/1.1 request.';
    }
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = `${sentence}\n`;
    const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  private send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(html)),
      ...headers,
    });
    res.end(html);
  }

  private refuse(res: ServerResponse, why: RefusalReason, r: Refusal): void {
    this.stats.refused[why]++;
    this.send(res, r.status, messageHtml(r.title, r.lines), r.headers);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.stats.requests++;
    const host = (req.headers.host ?? '').toLowerCase();
    const hostHeaders = req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
    if (!this.allowedHosts.has(host) || hostHeaders !== 1) {
      // A page on another name that resolves here (DNS rebinding), or a proxy: never answered.
      res.shouldKeepAlive = false;
      return this.refuse(res, 'host', {
        status: 421,
        title: 'Misdirected request',
        lines: [`Signet's capture receiver answers only to ${this.info?.baseUrl ?? 'its own loopback address'} (Host "${text(host, 80)}" is not it).`],
        headers: { Connection: 'close' },
      });
    }
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (++this.windowCount > this.limits.perSecond) {
      return this.refuse(res, 'rate', {
        status: 429,
        title: 'Too many requests',
        lines: [`Signet capture accepts at most ${this.limits.perSecond} requests per second; try again in a second.`],
        headers: { 'Retry-After': '1' },
      });
    }
    if (this.inFlight >= this.limits.maxInFlight) {
      return this.refuse(res, 'busy', {
        status: 429,
        title: 'Too many requests at once',
        lines: [`Signet capture handles at most ${this.limits.maxInFlight} requests at once; try again in a second.`],
        headers: { 'Retry-After': '1' },
      });
    }
    this.inFlight++;
    res.once('close', () => this.inFlight--);

    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const method = req.method ?? 'GET';
    if (path === EBER_LOGIN_PATH && this.options.eber) {
      if (method !== 'GET') return this.methodNotAllowed(res, 'GET', path);
      return this.eber(req, res, target, q === -1 ? null : target.slice(q + 1));
    }
    if (path === MMOB_BOOT_PATH && this.options.mmob) {
      if (method !== 'POST') return this.methodNotAllowed(res, 'POST', path);
      return this.mmob(req, res, target);
    }
    const paths = [
      ...(this.options.eber ? [`GET ${EBER_LOGIN_PATH}?hmac_email=…&hmac_hash=… (Eber HMAC login)`] : []),
      ...(this.options.mmob ? [`POST ${MMOB_BOOT_PATH} (the mmob boot form)`] : []),
    ];
    res.shouldKeepAlive = req.complete;
    return this.refuse(res, 'notFound', {
      status: 404,
      title: 'Not a capture path',
      lines: [`Signet capture has nothing at ${text(path, 120)}. It answers:`, ...paths],
    });
  }

  private methodNotAllowed(res: ServerResponse, allow: string, path: string): void {
    return this.refuse(res, 'method', {
      status: 405,
      title: 'Method not allowed',
      lines: [`${path} takes ${allow} only.`],
      headers: { Allow: allow },
    });
  }

  private redact(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('[secret redacted]');
    return out;
  }

  private record(entry: Omit<CaptureEntry, 'id' | 'at'>): CaptureEntry {
    const full: CaptureEntry = { id: this.nextId++, at: this.now().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limits.maxEntries) {
      this.entries.shift();
      this.stats.dropped++;
    }
    this.stats.captured++;
    this.stats[full.verdict]++;
    try {
      this.options.onEntry?.(full);
    } catch {
      // A listener's failure never breaks the receiver.
    }
    return full;
  }

  private requestInfo(req: IncomingMessage, target: string, body: string | null, bodyBytes: number): CaptureEntry['request'] {
    const method = req.method ?? 'GET';
    return {
      line: this.redact(`${method} ${target} HTTP/${req.httpVersion}`),
      method,
      target: this.redact(target),
      contentType: typeof req.headers['content-type'] === 'string' ? text(req.headers['content-type'], 200) : null,
      body: body === null ? null : this.redact(body),
      bodyBytes,
      origin: originOf(req),
      remote: req.socket.remoteAddress ?? '',
    };
  }

  private eber(req: IncomingMessage, res: ServerResponse, target: string, rawQuery: string | null): void {
    const eber = this.options.eber!;
    const query = rawQuery ?? '';
    // verifyEberUrl reads an https login URL: the same raw query (Node only passes ASCII targets), rebuilt on the
    // real business host when known. The query is never decoded and re-encoded on the way.
    const host = eber.forwardTo ? new URL(eber.forwardTo).host : 'business.eber.co';
    let result;
    try {
      result = verifyEberUrl({
        url: `https://${host}${EBER_LOGIN_PATH}${rawQuery === null ? '' : `?${query}`}`,
        secret: eber.secret,
        timezone: eber.timezone,
        now: this.now(),
      });
    } catch (e) {
      res.shouldKeepAlive = false;
      return this.send(res, 500, messageHtml('Capture failed', [`Signet could not verify this request (${(e as Error).message}).`]));
    }
    const verdict = result.valid ? 'valid' : result.codes.includes('URL_INVALID') ? 'malformed' : 'invalid';
    const forward = this.forward === 'always' || (this.forward === 'valid' && result.valid);
    const location = forward ? `${new URL(eber.forwardTo!).origin}${EBER_LOGIN_PATH}${rawQuery === null ? '' : `?${query}`}` : null;
    const parameters = result.details.parameters.map((p) => ({
      name: this.redact(p.name),
      raw: this.redact(p.raw),
      decoded: this.redact(p.decoded),
    }));
    const identifierParam = result.details.identifierType ? EBER_IDENTIFIER_PARAMS[result.details.identifierType] : null;
    const entry = this.record({
      scheme: 'eber',
      identifier: result.details.identifier === null ? null : this.redact(result.details.identifier),
      verdict,
      codes: [...result.codes],
      hints: [...result.hints],
      summary: result.details.summary,
      messages: result.details.messages.map((m) => this.redact(m)),
      parameters,
      request: this.requestInfo(req, target, null, 0),
      forwardedTo: location,
    });
    if (location !== null) {
      res.writeHead(302, { ...SECURITY_HEADERS, Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Signet capture #${entry.id}: ${entry.summary} Forwarded to the business.\n`);
      return;
    }
    const rows: PageRow[] = parameters.map((p) => ({
      name: p.name,
      value: p.decoded,
      note: [p.raw !== p.decoded ? `raw ${p.raw}` : '', p.name === identifierParam ? 'identifier' : ''].filter(Boolean).join(' · ') || undefined,
    }));
    if (result.details.message !== null) rows.push({ name: 'hashed string', value: this.redact(result.details.message) });
    if (result.details.expiryViews)
      rows.push({ name: 'expiry', value: `${result.details.expiryViews.business} = ${result.details.expiryViews.utc}` });
    this.send(
      res,
      200,
      verdictHtml({
        title: `Signet capture #${entry.id}: Eber ${verdict}`,
        verdict,
        summary: entry.summary,
        messages: entry.messages,
        rows,
        requestLine: entry.request.line,
        footer: `Captured by Signet on loopback (time zone ${eber.timezone}); nothing was sent anywhere. This is capture #${entry.id}.`,
      }),
      { 'X-Signet-Verdict': verdict, 'X-Signet-Capture': String(entry.id) },
    );
  }

  private mmob(req: IncomingMessage, res: ServerResponse, target: string): void {
    const max = this.limits.maxBodyBytes;
    const tooLarge = () => {
      res.shouldKeepAlive = false;
      this.refuse(res, 'bodyTooLarge', {
        status: 413,
        title: 'Body too large',
        lines: [`Signet capture reads boot posts up to ${max} bytes; this one is larger (a boot form is under 4 KiB).`],
        headers: { Connection: 'close' },
      });
      // Stop reading: whatever else the client sends is dropped with the connection.
      res.once('finish', () => req.socket.destroySoon());
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        req.pause();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.once('error', () => res.destroy());
    req.once('end', () => {
      if (!over) this.boot(req, res, target, Buffer.concat(chunks, size));
    });
  }

  private boot(req: IncomingMessage, res: ServerResponse, target: string, bytes: Buffer): void {
    const mmob = this.options.mmob!;
    const body = bytes.toString('utf8');
    const contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : null;
    const parsed = parseBootBody(contentType, body);
    const request = this.requestInfo(req, target, body, bytes.length);
    const malformed = (code: string, message: string, status: number, fields: BootFields | null) => {
      const entry = this.record({
        scheme: 'mmob',
        identifier: fields?.email != null ? this.redact(fields.email) : null,
        verdict: 'malformed',
        codes: [code],
        hints: [],
        summary: `Malformed boot post: ${message}`,
        messages: [`${code}: ${message}`],
        parameters: fields ? bootParameters(fields, (s) => this.redact(s)) : [],
        request,
        forwardedTo: null,
      });
      if (code === 'FORMAT') this.stats.refused.unsupported++;
      this.bootPage(res, status, entry);
    };
    if (!parsed.ok) return malformed(parsed.code, parsed.message, parsed.code === 'FORMAT' ? 415 : 400, null);
    const f = parsed.fields;
    const missing = (['cp_id', 'cp_deployment_id', 'signature'] as const).filter(
      (k) => (k === 'cp_id' ? f.cpId : k === 'cp_deployment_id' ? f.cpDeploymentId : f.signature) === null,
    );
    if (missing.length > 0)
      return malformed('FIELD_MISSING', `the boot post has no ${missing.join(', ')} field${missing.length > 1 ? 's' : ''}.`, 400, f);
    let result;
    try {
      result = verifyMmob({
        signature: f.signature!,
        secret: mmob.secret,
        cpId: f.cpId!,
        cpDeploymentId: f.cpDeploymentId!,
        email: f.email ?? '',
        now: Math.floor(this.now().getTime() / 1000),
        toleranceSeconds: mmob.toleranceSeconds,
        seenNonces: this.nonces,
      });
    } catch (e) {
      res.shouldKeepAlive = false;
      return this.send(res, 500, messageHtml('Capture failed', [`Signet could not verify this request (${(e as Error).message}).`]));
    }
    const nonce = result.details.nonce;
    if (nonce !== null && !this.nonces.has(nonce)) {
      this.nonces.add(nonce);
      if (this.nonces.size > this.limits.maxNonces) this.nonces.delete(this.nonces.values().next().value!);
    }
    const verdict = result.valid ? 'valid' : result.codes.includes('SIGNATURE_MALFORMED') ? 'malformed' : 'invalid';
    const entry = this.record({
      scheme: 'mmob',
      identifier: f.email === null ? null : this.redact(f.email),
      verdict,
      codes: [...result.codes],
      hints: [...result.hints],
      summary: result.details.summary,
      messages: result.details.messages.map((m) => this.redact(m)),
      parameters: bootParameters(f, (s) => this.redact(s)),
      request,
      forwardedTo: null,
    });
    this.bootPage(res, 200, entry);
  }

  private bootPage(res: ServerResponse, status: number, entry: CaptureEntry): void {
    const rows: PageRow[] = entry.parameters.map((p) => ({ name: p.name, value: p.decoded }));
    this.send(
      res,
      status,
      verdictHtml({
        title: `Signet capture #${entry.id}: mmob boot ${entry.verdict}`,
        verdict: entry.verdict,
        summary: entry.summary,
        messages: entry.messages,
        rows,
        requestLine: `${entry.request.line}\nContent-Type: ${entry.request.contentType ?? '(none)'}\n\n${entry.request.body ?? ''}`,
        footer: `Captured by Signet on loopback; nothing was sent to the marketplace. This is capture #${entry.id}.`,
      }),
      { 'X-Signet-Verdict': entry.verdict, 'X-Signet-Capture': String(entry.id) },
    );
  }
}

function bootParameters(f: BootFields, redact: (s: string) => string): CaptureParameter[] {
  const out: CaptureParameter[] = [];
  const add = (name: string, v: string | null) => {
    if (v !== null) out.push({ name, raw: redact(v), decoded: redact(v) });
  };
  add('cp_id', f.cpId);
  add('cp_deployment_id', f.cpDeploymentId);
  add('signature', f.signature);
  add('page', f.page);
  add('locale', f.locale);
  for (const [k, v] of Object.entries(f.customerInfo)) add(k, v);
  return out;
}

function portError(e: unknown, port: number): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new SignetInputError('CAPTURE_PORT', `Port ${port} on loopback is already in use; choose another or leave it empty for a free one.`, 'port');
  if (code === 'EACCES')
    return new SignetInputError('CAPTURE_PORT', `Port ${port} needs privileges on this system; choose one above 1023.`, 'port');
  return new SignetInputError('CAPTURE_PORT', `The receiver cannot listen on loopback port ${port} (${code ?? 'error'}).`, 'port');
}

/** The forward target: an https origin (or http on loopback, for a local stand-in), without path or query. */
export function assertForwardOrigin(base: string): void {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new SignetInputError('BASE_URL_INVALID', 'The business base URL is not a URL (e.g. https://demo.eber.co).', 'baseUrl');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new SignetInputError('BASE_URL_NOT_HTTPS', 'The business base URL must use https.', 'baseUrl');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password)
    throw new SignetInputError('BASE_URL_INVALID', 'The business base URL must be an origin only, e.g. https://demo.eber.co.', 'baseUrl');
}

/** Creates and starts a receiver. */
export async function startReceiver(options: ReceiverOptions): Promise<{ receiver: Receiver; info: ListenInfo }> {
  const receiver = new Receiver(options);
  const info = await receiver.start();
  return { receiver, info };
}
