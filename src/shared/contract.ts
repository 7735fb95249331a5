/**
 * The IPC contract, declared once: every channel's name, request schema and response schema.
 * Main validates with these schemas, the preload builds window.signet from CHANNEL_NAMES, the renderer
 * uses the inferred types. Nothing else declares a channel.
 */
import { z } from 'zod';
import type { EberVerifyResult, MmobSignResult, MmobVerifyResult } from '../core/common/index';
import { EBER_IDENTIFIER_TYPES, EBER_LOCALE_CODES } from '../core/common/eber/constants';
import { MMOB_SECURITY_LEVELS } from '../core/common/mmob/codes';
import { DOB_PATTERN } from '../core/common/mmob/snippet';
import { ALL_BATCH_FORMATS, BATCH_SCHEMES, isBatchFormatOf } from '../core/common/batch/formats';
import { MAX_TOLERANCE_SECONDS } from '../core/common/product';
import { PACK_FORMATS } from '../core/common/packs/format';
import { CHANNEL_NAMES, type ChannelName } from './channels';
import { HISTORY_KINDS, type HistoryKind } from './history-kinds';
import { LIMITS } from './limits';

export { LIMITS };

const text = (max: number = LIMITS.text) => z.string().max(max);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a profile id');
const name = z.string().trim().min(1, 'a name is required').max(100);
const secret = z.string().min(1, 'the secret is empty').max(LIMITS.secret);
const unixSeconds = z.number().int().min(0).max(99_999_999_999_999);
const tolerance = z.number().int().min(0).max(MAX_TOLERANCE_SECONDS);
const isoInstant = z.string().max(40);
const timezone = z.string().min(1).max(64);
const httpsUrl = z.string().max(LIMITS.url);
const eberLocale = z.enum(EBER_LOCALE_CODES as [string, ...string[]]);
const identifierType = z.enum(EBER_IDENTIFIER_TYPES);
const securityLevel = z.enum(
  Object.keys(MMOB_SECURITY_LEVELS) as [keyof typeof MMOB_SECURITY_LEVELS, ...(keyof typeof MMOB_SECURITY_LEVELS)[]],
);

/** An operation names its secret by profile (it stays in main) or carries a one-off secret (renderer → main only). */
const secretRef = {
  profileId: id.optional(),
  secret: secret.optional(),
};
const exactlyOneSecret = (v: { profileId?: string | undefined; secret?: string | undefined }) =>
  (v.profileId === undefined) !== (v.secret === undefined);
const SECRET_REF_MESSAGE = { message: 'give either profileId or a one-off secret', path: ['profileId'] };

// ---- profiles ---------------------------------------------------------------------------------------------
export const MmobSettingsSchema = z.strictObject({
  cpId: text(200),
  cpDeploymentId: text(200),
  defaultEmail: text(320),
  marketplaceUrl: text(2048),
  securityLevel,
});
export const EberSettingsSchema = z.strictObject({
  baseUrl: text(2048),
  timezone,
  defaultLocale: eberLocale.nullable(),
  defaultIdentifierType: identifierType,
});
export type MmobSettings = z.infer<typeof MmobSettingsSchema>;
export type EberSettings = z.infer<typeof EberSettingsSchema>;

const profileBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mmob'), name, settings: MmobSettingsSchema, secret: secret.optional() }),
  z.strictObject({ kind: z.literal('eber'), name, settings: EberSettingsSchema, secret: secret.optional() }),
]);
export type ProfileInput = z.infer<typeof profileBody>;

export const SecretViewSchema = z.object({
  state: z.enum(['stored', 'session-only', 'cannot-decrypt', 'missing']),
  /** Never the secret, nor its length: a fixed row of dots when there is a secret, else "". */
  masked: z.string(),
  /**
   * First 16 hex of PBKDF2-HMAC-SHA256(secret, fingerprintSalt, fingerprintIterations): compare keys without
   * sharing them (README "Fingerprints" says how a server computes the same value). Show it with its salt.
   */
  fingerprint: z.string().nullable(),
  /** The profile's random salt for the fingerprint, in hex (shown beside the fingerprint). */
  fingerprintSalt: z.string().nullable(),
  fingerprintIterations: z.number().nullable(),
  /** The safeStorage backend the ciphertext was written with. */
  backend: z.string().nullable(),
  message: z.string().nullable(),
});
export const ProfileViewSchema = z.intersection(
  z.object({ id, name: z.string(), createdAt: z.string(), updatedAt: z.string(), secret: SecretViewSchema }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('mmob'), settings: MmobSettingsSchema }),
    z.object({ kind: z.literal('eber'), settings: EberSettingsSchema }),
  ]),
);
export type ProfileView = z.infer<typeof ProfileViewSchema>;
export type SecretView = z.infer<typeof SecretViewSchema>;

export const KeyringStatusSchema = z.object({
  available: z.boolean(),
  backend: z.string(),
  /** False when secrets are kept in memory for this session only. */
  persistent: z.boolean(),
  message: z.string(),
});
export type KeyringStatus = z.infer<typeof KeyringStatusSchema>;

// ---- history ----------------------------------------------------------------------------------------------
export { HISTORY_KINDS, type HistoryKind };
/**
 * Why a recorded request was made: the user copied or opened its result, submitted it (Enter, a Verify
 * button), or its inputs have been still for HISTORY_SETTLE_MS. History keeps one entry per such act, never
 * one per keystroke: a request without an intent is held and recorded only once it settles (or is copied or
 * opened, which main sees on clipboard:copy / shell:openExternal).
 */
export const HISTORY_INTENTS = ['copy', 'open', 'submit', 'settled'] as const;
export type HistoryIntent = (typeof HISTORY_INTENTS)[number];
const intent = z.enum(HISTORY_INTENTS).optional();
export const HistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(HISTORY_KINDS),
  /**
   * The request without its secret and without credentials: enough to restore the form and sign again from
   * the profile. A pasted signature or login URL is kept only recognisably (its MAC / hmac_hash cut to 6
   * characters + "…"); `redacted` names such fields, which cannot be verified again from history.
   */
  input: z.record(z.string(), z.unknown()),
  /** "profile <name>" or "one-off secret": never the secret. */
  secretSource: z.string(),
  /** What happened, with any signature or hmac_hash cut to 6 characters + "…". */
  summary: z.string(),
  ok: z.boolean(),
  /** Input fields whose stored value was redacted (cut): paste them again to re-verify. */
  redacted: z.array(z.string()).optional(),
  /** Set when the entry was cut down to fit the history entry size cap. */
  note: z.string().optional(),
  /** The act that recorded the entry (absent on entries recorded before intents existed). */
  intent: z.enum(HISTORY_INTENTS).optional(),
  /** A pinned entry is kept past the history limit until unpinned or cleared. */
  pinned: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

// ---- operations -------------------------------------------------------------------------------------------
const customerInfo = z.strictObject({
  email: text(320).optional(),
  first_name: text(200).optional(),
  surname: text(200).optional(),
  gender: text(50).optional(),
  title: text(50).optional(),
  building_number: text(50).optional(),
  address_1: text(300).optional(),
  town_city: text(200).optional(),
  postcode: text(20).optional(),
  dob: z
    .string()
    .max(40)
    .regex(DOB_PATTERN, 'dob must be an ISO 8601 date or date-time (1978-12-06 or 1968-05-30T21:12:22.275Z)')
    .optional(),
});

const expiryChoice = {
  expiry: text(19).optional(),
  expiresInMinutes: z.number().int().min(1).max(525_600).optional(),
  timezone: timezone.optional(),
};

const ExpiryViewsSchema = z.object({ business: z.string(), utc: z.string(), local: z.string(), iso: z.string() });
const verifyResult = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null && 'valid' in v);

const CountsSchema = z.object({
  records: z.number(),
  valid: z.number(),
  invalid: z.number(),
  malformed: z.number(),
  codes: z.record(z.string(), z.number()),
  hints: z.record(z.string(), z.number()),
  errors: z.record(z.string(), z.number()),
});
export const BatchStatusSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  fileName: z.string(),
  bytesDone: z.number(),
  totalBytes: z.number().nullable(),
  linesDone: z.number(),
  counts: CountsSchema,
  failuresKept: z.number(),
  failuresTruncated: z.boolean(),
  workers: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  recordsPerSecond: z.number().nullable(),
  error: z.string().nullable(),
});
export type BatchStatus = z.infer<typeof BatchStatusSchema>;
export const FailureRowSchema = z.object({
  line: z.number(),
  codes: z.array(z.string()),
  hints: z.array(z.string()),
  summary: z.string(),
});
export type FailureRow = z.infer<typeof FailureRowSchema>;

// ---- capture: the loopback receiver (secrets come from profiles, in main; nothing here ever carries one) ------
export const CAPTURE_FORWARD_MODES = ['never', 'valid', 'always'] as const;
const CaptureParameterSchema = z.object({ name: z.string(), raw: z.string(), decoded: z.string() });
export const CaptureEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  scheme: z.enum(['eber', 'mmob']),
  identifier: z.string().nullable(),
  verdict: z.enum(['valid', 'invalid', 'malformed']),
  codes: z.array(z.string()),
  hints: z.array(z.string()),
  summary: z.string(),
  messages: z.array(z.string()),
  parameters: z.array(CaptureParameterSchema),
  request: z.object({
    line: z.string(),
    method: z.string(),
    target: z.string(),
    contentType: z.string().nullable(),
    body: z.string().nullable(),
    bodyBytes: z.number(),
    origin: z.string().nullable(),
    remote: z.string(),
  }),
  forwardedTo: z.string().nullable(),
});
export type CaptureEntry = z.infer<typeof CaptureEntrySchema>;
const count = z.number();
export const CaptureStatusSchema = z.object({
  running: z.boolean(),
  port: z.number().nullable(),
  addresses: z.array(z.string()),
  baseUrl: z.string().nullable(),
  marketplaceUrl: z.string().nullable(),
  forward: z.enum(CAPTURE_FORWARD_MODES),
  forwardTo: z.string().nullable(),
  eber: z.object({ source: z.string(), timezone: z.string() }).nullable(),
  mmob: z.object({ source: z.string() }).nullable(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  lastId: z.number(),
  stats: z
    .object({
      requests: count,
      captured: count,
      valid: count,
      invalid: count,
      malformed: count,
      dropped: count,
      refused: z.record(z.string(), count),
    })
    .nullable(),
});
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

/** What the Pack screen shows of a generated pack: each case as text (the values are not secret). */
export const PackSummarySchema = z.object({
  scheme: z.enum(['mmob', 'eber']),
  generatedAt: z.string(),
  cases: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string(),
      valid: z.boolean(),
      expected: z.string(),
      value: z.string(),
    }),
  ),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type PackSummary = z.infer<typeof PackSummarySchema>;

export const CHANNELS = {
  'profiles:list': {
    request: z.strictObject({}),
    response: z.object({ profiles: z.array(ProfileViewSchema), notice: z.string().nullable() }),
  },
  'profiles:create': { request: profileBody, response: z.object({ profile: ProfileViewSchema }) },
  'profiles:update': {
    request: z.strictObject({
      id,
      name: name.optional(),
      settings: z.union([MmobSettingsSchema, EberSettingsSchema]).optional(),
    }),
    response: z.object({ profile: ProfileViewSchema }),
  },
  'profiles:rename': { request: z.strictObject({ id, name }), response: z.object({ profile: ProfileViewSchema }) },
  'profiles:duplicate': { request: z.strictObject({ id }), response: z.object({ profile: ProfileViewSchema }) },
  'profiles:delete': { request: z.strictObject({ id }), response: z.object({ deleted: z.literal(true) }) },
  'profiles:setSecret': { request: z.strictObject({ id, secret }), response: z.object({ profile: ProfileViewSchema }) },
  'profiles:copySecret': { request: z.strictObject({ id }), response: z.object({ clearsInSeconds: z.number() }) },
  'profiles:export': { request: z.strictObject({}), response: z.object({ json: z.string() }) },
  'profiles:import': {
    request: z.strictObject({ json: z.string().max(LIMITS.json) }),
    response: z.object({ imported: z.number() }),
  },

  'mmob:sign': {
    request: z
      .strictObject({
        ...secretRef,
        intent,
        cpId: text(200),
        cpDeploymentId: text(200),
        email: text(320).optional(),
        timestamp: unixSeconds.optional(),
        nonce: text(200).optional(),
      })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE),
    response: z.custom<MmobSignResult>(),
  },
  'mmob:verify': {
    request: z
      .strictObject({
        ...secretRef,
        intent,
        signature: z.string().max(LIMITS.signature),
        cpId: text(200),
        cpDeploymentId: text(200),
        email: text(320).optional(),
        now: unixSeconds.optional(),
        toleranceSeconds: tolerance.optional(),
      })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE),
    response: verifyResult<MmobVerifyResult>(),
  },
  'mmob:snippet': {
    request: z
      .strictObject({
        ...secretRef,
        intent,
        securityLevel,
        cpId: text(200),
        cpDeploymentId: text(200),
        location: text(2048),
        marketplaceUrl: text(2048),
        customerInfo,
        /** The React component's page and locale, for the /boot form. */
        page: text(200).optional(),
        locale: text(35).optional(),
        /** SECURE_IDENTITY_DEBUG: send a signature (default true); SECURE_IDENTITY refuses false. */
        includeSignature: z.boolean().optional(),
        timestamp: unixSeconds.optional(),
      })
      // Unsigned levels need no secret at all; signed ones need exactly one source.
      .refine((v) => !(v.profileId !== undefined && v.secret !== undefined), SECRET_REF_MESSAGE),
    response: z.object({
      snippet: z.string(),
      signature: z.string().nullable(),
      canonical: z.string().nullable(),
      /** The vendor's React flow: the same boot as a form POST to `${marketplace_url}/boot`. */
      formAction: z.string(),
      formFields: z.array(z.object({ name: z.string(), value: z.string() })),
      formBody: z.string(),
    }),
  },
  'eber:hash': {
    request: z
      .strictObject({ ...secretRef, intent, identifierType, identifier: text(320), ...expiryChoice })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE),
    response: z.object({ hash: z.string(), expiry: z.string().nullable() }),
  },
  'eber:url': {
    request: z
      .strictObject({
        ...secretRef,
        intent,
        baseUrl: text(2048).optional(),
        identifierType,
        identifier: text(320),
        phoneCode: text(8).optional(),
        locale: eberLocale.optional(),
        ...expiryChoice,
      })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE),
    response: z.object({
      url: z.string(),
      hash: z.string(),
      expiry: z.string().nullable(),
      expiryViews: ExpiryViewsSchema.nullable(),
    }),
  },
  'eber:verify': {
    request: z
      .strictObject({
        ...secretRef,
        intent,
        url: z.string().max(LIMITS.url),
        timezone: timezone.optional(),
        now: isoInstant.optional(),
      })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE),
    response: verifyResult<EberVerifyResult>(),
  },
  'shell:openExternal': { request: z.strictObject({ url: httpsUrl }), response: z.object({ opened: z.literal(true) }) },
  'clipboard:copy': {
    // credential: a login URL, signature or hash (credentials too): written concealed, and cleared on quit
    // if the clipboard still holds it. Other text (diagnostics, a history case) stays for the user.
    request: z.strictObject({ text: z.string().max(LIMITS.url), credential: z.boolean().optional() }),
    response: z.object({ copied: z.literal(true) }),
  },
  'history:list': { request: z.strictObject({}), response: z.object({ entries: z.array(HistoryEntrySchema) }) },
  'history:clear': { request: z.strictObject({}), response: z.object({ cleared: z.number() }) },
  'history:pin': {
    request: z.strictObject({ id: z.string().max(64), pinned: z.boolean() }),
    response: z.object({ pinned: z.boolean() }),
  },
  'app:info': {
    request: z.strictObject({}),
    response: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      dataDirectory: z.string(),
      /** The runtimes, for the About panel and a bug report ("Copy diagnostics"); null outside Electron. */
      versions: z.object({ electron: z.string().nullable(), chrome: z.string().nullable(), node: z.string() }),
      /** safeStorage's backend, e.g. "gnome_libsecret", "keychain", "dpapi", "basic_text". */
      keyringBackend: z.string(),
    }),
  },
  'app:keyringStatus': { request: z.strictObject({}), response: KeyringStatusSchema },

  // Batch verification: the file is chosen in main's dialog; the renderer polls and pages through failures.
  'batch:pickFile': {
    request: z.strictObject({}),
    response: z.object({ path: z.string().nullable(), name: z.string().nullable(), size: z.number().nullable() }),
  },
  // The preload reads the dropped File's path (webUtils.getPathForFile): "" when the item is not on disk.
  'batch:useDroppedFile': {
    request: z.strictObject({ path: z.string().max(4096) }),
    response: z.object({ path: z.string(), name: z.string(), size: z.number() }),
  },
  'batch:start': {
    request: z
      .strictObject({
        ...secretRef,
        path: z.string().min(1).max(4096),
        scheme: z.enum(BATCH_SCHEMES),
        format: z.enum(ALL_BATCH_FORMATS),
        toleranceSeconds: tolerance.optional(),
        timezone: timezone.optional(),
        now: isoInstant.optional(),
      })
      .refine(exactlyOneSecret, SECRET_REF_MESSAGE)
      .refine((v) => isBatchFormatOf(v.scheme, v.format), {
        message: 'this scheme cannot read that format',
        path: ['format'],
      }),
    response: BatchStatusSchema,
  },
  'batch:status': { request: z.strictObject({ jobId: z.string().max(64) }), response: BatchStatusSchema },
  'batch:failures': {
    request: z.strictObject({
      jobId: z.string().max(64),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(2000),
      code: z.string().max(64).optional(),
    }),
    response: z.object({ total: z.number(), rows: z.array(FailureRowSchema) }),
  },
  'batch:cancel': { request: z.strictObject({ jobId: z.string().max(64) }), response: BatchStatusSchema },
  'batch:exportFailures': {
    request: z.strictObject({ jobId: z.string().max(64), code: z.string().max(64).optional() }),
    response: z.object({ path: z.string().nullable(), rows: z.number() }),
  },

  // Capture: a loopback receiver for the integrator's own app. The renderer starts it with profile ids, then polls.
  'capture:start': {
    request: z.strictObject({
      /** Absent or 0: a free port. */
      port: z.number().int().min(0).max(65_535).optional(),
      eberProfileId: id.optional(),
      mmobProfileId: id.optional(),
      forward: z.enum(CAPTURE_FORWARD_MODES).optional(),
      toleranceSeconds: tolerance.optional(),
    }),
    response: z.object({
      port: z.number(),
      baseUrl: z.string(),
      marketplaceUrl: z.string(),
      addresses: z.array(z.string()),
    }),
  },
  'capture:stop': { request: z.strictObject({}), response: z.object({ stopped: z.boolean() }) },
  'capture:status': { request: z.strictObject({}), response: CaptureStatusSchema },
  'capture:list': {
    request: z.strictObject({
      sinceId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    response: z.object({
      entries: z.array(CaptureEntrySchema),
      lastId: z.number(),
      more: z.boolean(),
      running: z.boolean(),
    }),
  },
  'capture:export': {
    /** save: main asks where (its save dialog) and writes the JSONL there; path is null when the user cancels. */
    request: z.strictObject({ save: z.boolean().optional() }),
    response: z.object({ jsonl: z.string(), count: z.number(), path: z.string().nullable().optional() }),
  },

  // QA test packs: made from a profile (its secret stays in main); main keeps the last one for pack:save.
  'pack:generate': {
    request: z.strictObject({
      profileId: id,
      /** mmob: the email signed (default: the profile's); Eber: the member's identifier. */
      identifier: text(320).optional(),
      identifierType: identifierType.optional(),
      phoneCode: text(8).optional(),
      locale: eberLocale.optional(),
      toleranceSeconds: z.number().int().min(1).max(MAX_TOLERANCE_SECONDS).optional(),
      expiresInMinutes: z.number().int().min(2).max(525_600).optional(),
    }),
    response: PackSummarySchema,
  },
  'pack:save': {
    request: z.strictObject({ format: z.enum(PACK_FORMATS) }),
    response: z.object({ path: z.string().nullable() }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

// CHANNELS must have exactly the names in channels.ts (which the preload uses): both directions checked here.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const channelNamesMatch: Exact<keyof typeof CHANNELS, ChannelName> = true;
void channelNamesMatch;

export { CHANNEL_NAMES, type ChannelName };
export type RequestOf<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['response']>;

export interface IpcError {
  code: string;
  message: string;
  /** The request field the message is about (e.g. "expiry"), so a form can show it there. */
  field?: string | undefined;
}
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

type AreaOf<C> = C extends `${infer A}:${string}` ? A : never;
type VerbOf<C, A extends string> = C extends `${A}:${infer V}` ? V : never;

/**
 * What the page passes where that is not the request: the preload turns it into the request (see
 * RequestAdapters). A dropped file crosses as the File itself, so the page can never name a path.
 */
export interface PageArguments {
  'batch:useDroppedFile': File;
}
export type PageArgumentOf<C extends ChannelName> = C extends keyof PageArguments ? PageArguments[C] : RequestOf<C>;

/** window.signet: `signet.<area>.<verb>(request)` for every channel, generated from CHANNEL_NAMES. */
export type SignetApi = {
  [A in AreaOf<ChannelName>]: {
    [V in VerbOf<ChannelName, A>]: (
      request: PageArgumentOf<`${A}:${V}` & ChannelName>,
    ) => Promise<IpcResult<ResponseOf<`${A}:${V}` & ChannelName>>>;
  };
};

declare global {
  interface Window {
    signet: SignetApi;
  }
}
