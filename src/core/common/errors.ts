/**
 * One error model for everything Signet refuses (as opposed to a signature it judges invalid, which is a
 * verdict, not an error): every code is declared here once, with its kind and what it means, so the CLI
 * (`signet codes`), the IPC envelope and the batch report all speak the same closed set. Throw sites pass a
 * specific message (it may quote the offending value, never a secret); the meaning here is the general one.
 */

/**
 * - input: a value given to an operation is unusable (any front end: app, CLI, batch config);
 * - record: one line of a batch file cannot be read as a record (the batch goes on);
 * - usage: the command line itself (CLI only);
 * - request: the IPC gate refused a message before any operation ran (app only).
 */
export type ErrorKind = 'input' | 'record' | 'usage' | 'request';

const input = (meaning: string) => ({ kind: 'input', meaning }) as const;
const record = (meaning: string) => ({ kind: 'record', meaning }) as const;
const usage = (meaning: string) => ({ kind: 'usage', meaning }) as const;
const request = (meaning: string) => ({ kind: 'request', meaning }) as const;

export const ERROR_CODES = {
  // ---- secrets and profiles
  SECRET_EMPTY: input('The secret is empty.'),
  SECRET_REQUIRED: input('The operation needs a secret: choose a profile or give a one-off secret.'),
  SECRET_NOT_BASE64: input('An mmob secret must be base64; this one decodes to zero bytes.'),
  SECRET_MISSING: input('The profile has no secret yet.'),
  SECRET_CANNOT_DECRYPT: input("The profile's stored secret cannot be decrypted with this machine's keychain."),
  PROFILE_NOT_FOUND: input('The profile no longer exists.'),
  PROFILE_KIND: input('The profile is of the other scheme (an mmob profile for an Eber operation, or the reverse).'),
  IMPORT_INVALID: input('The file is not a Signet profile export.'),
  PROFILE_LIMIT: input('The store holds as many profiles as Signet keeps; delete some first.'),
  // ---- the profile store on disk
  STORE_DISK_FULL: input('The disk holding the profile store is full; nothing was saved.'),
  STORE_READ_ONLY: input('The profile store is on a read-only file system; nothing was saved.'),
  STORE_NO_ACCESS: input('Signet may not write its profile store (permission denied); nothing was saved.'),
  STORE_WRITE_FAILED: input('The profile store could not be written; nothing was saved.'),
  // ---- mmob fields
  FIELD_REQUIRED: input('A required field is empty.'),
  TIMESTAMP_INVALID: input('The timestamp must be a whole, non-negative number of Unix seconds.'),
  NONCE_EMPTY: input('The nonce is empty.'),
  NONCE_INVALID: input('The nonce contains ":", which separates the signature parts.'),
  SECURITY_LEVEL: input("The security level is not one of the vendor's levels."),
  MARKETPLACE_URL: input('marketplace_url must be an https URL.'),
  DOB_FORMAT: input('dob must be an ISO 8601 date (YYYY-MM-DD) or date-time with a zone (1968-05-30T21:12:22.275Z).'),
  TOLERANCE_INVALID: input('The tolerance must be a whole number of seconds ≥ 0.'),
  // ---- Eber fields
  IDENTIFIER_TYPE: input('The identifier type must be email, phone or customId.'),
  IDENTIFIER_MISSING: input('The identifier (email, phone or custom id) is empty, or more than one was given.'),
  PHONE_CODE_MISSING: input('A phone identifier needs its country as a two-letter ISO 3166 code.'),
  LOCALE_UNSUPPORTED: input('The locale is not one Eber supports.'),
  BASE_URL_REQUIRED: input('The business base URL is needed, e.g. https://demo.eber.co.'),
  BASE_URL_INVALID: input('The base URL must be an https origin only, without path, query or credentials.'),
  BASE_URL_NOT_HTTPS: input('The base URL must use https.'),
  EXPIRY_FORMAT: input('The expiry must be "Y-m-d H:i:s", a real date and time.'),
  EXPIRY_MINUTES: input('Minutes until expiry must be a whole number within the allowed range.'),
  EXPIRY: input('Give a fixed expiry or "expires in N minutes", not both.'),
  TIMEZONE_INVALID: input('The time zone is not an IANA name such as Asia/Singapore.'),
  TIMEZONE_REQUIRED: input("The business's time zone is needed (directly or from an Eber profile)."),
  NOW_INVALID: input('The verifier time is not in the expected form.'),
  // ---- the app's other operations
  URL_NOT_ALLOWED: input('Signet opens only https links to vendor hosts or to the host of a saved profile.'),
  BATCH_FILE: input('The batch input file was not chosen, is not a readable regular file, or is not a log file.'),
  BATCH_NOT_FOUND: input('The batch job is no longer available.'),
  INVALID_INPUT: input('A value does not have the shape the operation expects.'),
  // ---- capture: the loopback receiver and HAR files
  CAPTURE_PORT: input('The receiver cannot listen on that loopback port (taken, privileged or out of range); leave it empty for a free one.'),
  CAPTURE_SCHEME: input('A capture needs an Eber secret and time zone, an mmob secret, or both.'),
  HAR_INVALID: input('The file is not a HAR file (JSON with log.entries), or it is truncated.'),
  HAR_TOO_LARGE: input('The HAR file is larger than Signet reads; export only the requests of the login.'),
  // ---- the code kit (generated signers and verifiers)
  CODE_KIT_UNSUPPORTED: input('There is no generated program for this language and role (the shell kit is a signer only).'),
  SECRET_ENV_NAME: input('The name of the environment variable for the secret must be letters, digits and _, not starting with a digit.'),
  // ---- QA test packs
  PACK_NONE: input('No test pack has been generated in this window yet: generate one, then save it.'),
  PACK_WRITE_FAILED: input('The test pack could not be written to the chosen file.'),
  // ---- batch: the whole input, then single records
  CSV_HEADER: input('The CSV header line is unreadable or lacks a required column.'),
  INPUT_UNREADABLE: input('The input file cannot be read.'),
  OUTPUT_CLOSED: input('Standard output was closed before every record was written.'),
  SUMMARY_UNWRITABLE: input('The summary file cannot be written.'),
  JSON_INVALID: record('The line is not valid JSON.'),
  JSON_NOT_OBJECT: record('The line is JSON but not an object.'),
  FIELD_MISSING: record('A required field of the record is missing.'),
  FIELD_TYPE: record('A field of the record has the wrong type.'),
  CSV_FIELDS: record('The CSV row has fewer fields than the header needs.'),
  CSV_QUOTE: record('Text follows a closing quote in a CSV field.'),
  CSV_UNTERMINATED_QUOTE: record('A quoted CSV field is not closed on its line.'),
  LINE_TOO_LONG: record('The line is longer than a record can be.'),
  FORMAT: record('The scheme cannot read records in this format.'),
  RECORD_ERROR: record('The record could not be verified.'),
  // ---- the CLI's command line
  USAGE: usage('The command line is not valid: an unknown command or option, or a missing or bad value.'),
  IDENTIFIER: usage('Give exactly one of --email, --phone or --custom-id.'),
  SECRET_SOURCES: usage('Give the secret from one source only.'),
  SECRET_ENV_UNSET: usage('The environment variable named by --secret-env is not set.'),
  SECRET_FILE: usage('The file named by --secret-file cannot be read.'),
  TRY_SECRET: usage('A secret named by --try-secret-env or --try-secret-file is unset, unreadable or empty.'),
  STDIN_TWICE: usage('Standard input cannot carry both the records and the secret.'),
  INTERNAL: usage('Signet hit an unexpected problem (a bug: please report it).'),
  // ---- the IPC gate (the app only)
  FORBIDDEN_SENDER: request('The request did not come from the Signet window.'),
  UNKNOWN_CHANNEL: request('The operation does not exist.'),
  UNAVAILABLE: request("The operation is not available in this window (the preload's API is missing)."),
} as const satisfies Record<string, { kind: ErrorKind; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * The one base class. `field` names the offending input (a request field such as "expiry") so a form can show
 * the message there and the CLI can name its flag.
 */
export class SignetError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /**
   * The message with its fields as `{name}` tokens, when it names fields: each front end can say them its own
   * way (the CLI as its flags, see namedFor). `message` is already rendered with the labels people read.
   */
  readonly template: string | undefined;
  /** The user's value quoted in the message (the template's `%s`), kept out of the template itself. */
  readonly quoted: string | undefined;

  constructor(
    code: ErrorCode,
    message: string = ERROR_CODES[code].meaning,
    field?: string,
    template?: { text: string; quoted?: string | undefined },
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
    this.template = template?.text;
    this.quoted = template?.quoted;
  }
}

/** How people read a field's name in a message, where no front end renames it. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  expiry: 'an expiry',
  expiresInMinutes: '"expires in N minutes"',
  timezone: "the business's time zone",
  now: 'the verifier time',
};

/**
 * `{field}` tokens replaced by names and the first letter raised (a token may open the sentence); then the
 * one `%s` replaced by the quoted user value — last, so text the user typed is never read as a token.
 */
export function renderFields(template: string, names: Readonly<Record<string, string>>, quoted = ''): string {
  const named = template.replace(
    /\{([A-Za-z]+)\}/g,
    (token, field: string) => names[field] ?? FIELD_LABELS[field] ?? token,
  );
  return (named.charAt(0).toUpperCase() + named.slice(1)).replace('%s', () => quoted);
}

/** An input error whose message names fields as `{field}` tokens and may quote one user value as `%s`. */
export function fieldError(code: ErrorCode, template: string, field: string, quoted?: string): SignetInputError {
  return new SignetInputError(code, renderFields(template, FIELD_LABELS, quoted), field, { text: template, quoted });
}

/** The error's message with its fields named for one front end (the CLI passes its flag names). */
export function namedFor(e: SignetError, names: Readonly<Record<string, string>>): string {
  return e.template === undefined ? e.message : renderFields(e.template, names, e.quoted);
}

/** Input the caller must fix (a usage problem, not an invalid signature). */
export class SignetInputError extends SignetError {}

export function isSignetError(e: unknown): e is SignetError {
  return e instanceof SignetError;
}
