/**
 * The mmob boot as text, in the two shapes the vendor publishes: the integration docs' snippet (load
 * mmob-snippet.min.js, then `mmob.init({ customerInfo, cp_id, cp_deployment_id, location, marketplace_url,
 * signature })`, the configuration beside customerInfo) and the React component's request (a form POSTed to
 * `${marketplace_url}/boot` with the customerInfo fields, cp_id, cp_deployment_id, page and locale as
 * top-level fields). Its fields, date check and escaping live here. Browser-safe; signing is in core/node.
 */
import { MMOB_SECURITY_LEVELS, type MmobSecurityLevel } from './codes';

/** The vendor's loader, which defines the global `mmob`. */
export const MMOB_SNIPPET_SCRIPT_URL = 'https://assets.mmob.com/js/mmob-snippet.min.js';
/** Where the vendor's React component posts when it is given no marketplace URL. */
export const MMOB_DEFAULT_MARKETPLACE_URL = 'https://marketplace.staging.mmob.com';

export const CUSTOMER_INFO_FIELDS = [
  'email',
  'first_name',
  'surname',
  'gender',
  'title',
  'building_number',
  'address_1',
  'town_city',
  'postcode',
  'dob',
] as const;
export type CustomerInfoField = (typeof CUSTOMER_INFO_FIELDS)[number];
export type CustomerInfo = Partial<Record<CustomerInfoField, string>>;

export interface SnippetInput {
  securityLevel: MmobSecurityLevel;
  cpId: string;
  cpDeploymentId: string;
  /** mmob.init's location: the DOM element that will hold the marketplace, e.g. "#mmobMarketplace". */
  location: string;
  marketplaceUrl: string;
  customerInfo: CustomerInfo;
  /** The React component's page, e.g. "broadband" (sent in the /boot form only). */
  page?: string | undefined;
  /** The React component's optional locale, e.g. "en" (sent in the /boot form only). */
  locale?: string | undefined;
  /**
   * SECURE_IDENTITY_DEBUG only, where a signature is optional: whether to send one (default true, since
   * the debugging response reports on it). SECURE_IDENTITY always sends one; Basic and CSP never do.
   */
  includeSignature?: boolean | undefined;
  /** Needed when a signature is sent. */
  secret?: string | undefined;
  timestamp?: number | undefined;
  nonce?: string | undefined;
}

export interface FormField {
  name: string;
  value: string;
}

export interface BootForm {
  /** `${marketplace_url}/boot`, where the React component POSTs its form. */
  formAction: string;
  /** The fields in the order the component writes them: customerInfo, cp_id, cp_deployment_id, page, locale, signature. */
  formFields: FormField[];
  /** The request body as a browser sends it (application/x-www-form-urlencoded). */
  formBody: string;
}

export interface SnippetResult {
  /** The integration docs' boot: the script tag, then the mmob.init call. */
  snippet: string;
  signature: string | null;
  canonical: string | null;
}

/** Both published boots for one input: the integration docs' snippet and the React component's /boot form. */
export interface BootResult extends SnippetResult, BootForm {}

/**
 * JSON that is also safe inside an HTML <script> element: "<", ">", "&" and the JS line separators are
 * escaped, so a customer's name can never close the script or inject markup.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A real calendar date written YYYY-MM-DD (ISO 8601), e.g. 1978-12-06; 1978-02-30 is refused. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which maps years 0–99 to 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The shape of a dob: an ISO 8601 date (1978-12-06) or date-time with its zone (the vendor's own example is
 * 1968-05-30T21:12:22.275Z; seconds and their fraction are optional, the zone is Z or ±hh:mm).
 */
export const DOB_PATTERN =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/** A dob of DOB_PATTERN's shape naming a real date and time: 1978-02-30 and T24:00Z are refused. */
export function isIsoDob(value: string): boolean {
  const m = DOB_PATTERN.exec(value);
  if (!m || !isIsoDate(m[1]!)) return false;
  const below = (part: string | undefined, limit: number) => part === undefined || Number(part) < limit;
  return below(m[2], 24) && below(m[3], 60) && below(m[4], 60) && below(m[5], 24) && below(m[6], 60);
}

/** Only the known customer fields, in CUSTOMER_INFO_FIELDS order; empty ones are left out rather than sent as "". */
export function customerFields(customerInfo: CustomerInfo): [CustomerInfoField, string][] {
  const fields: [CustomerInfoField, string][] = [];
  for (const k of CUSTOMER_INFO_FIELDS) {
    const v = Object.hasOwn(customerInfo, k) ? customerInfo[k] : undefined;
    if (v !== undefined && v !== '') fields.push([k, v]);
  }
  return fields;
}

/**
 * mmob.init's argument, in the published order: customerInfo, cp_id, cp_deployment_id, location,
 * marketplace_url, signature (the last three only when given).
 */
export function bootConfig(input: SnippetInput, signature: string | null): Record<string, unknown> {
  const config: Record<string, unknown> = {
    customerInfo: Object.fromEntries(customerFields(input.customerInfo)),
    cp_id: input.cpId,
    cp_deployment_id: input.cpDeploymentId,
  };
  if (input.location) config.location = input.location;
  if (input.marketplaceUrl) config.marketplace_url = input.marketplaceUrl;
  if (signature) config.signature = signature;
  return config;
}

/** The snippet for these inputs: the vendor's script tag, then the mmob.init call (with `signature` when given). */
export function renderBootSnippet(input: SnippetInput, signature: string | null): string {
  // The level goes into a comment: only a known one (the enum's names are plain words).
  if (!Object.hasOwn(MMOB_SECURITY_LEVELS, input.securityLevel)) throw new Error('unknown security level');
  const config = scriptSafeJson(bootConfig(input, signature)).replace(/\n/g, '\n  ');
  return [
    `<script src="${MMOB_SNIPPET_SCRIPT_URL}"></script>`,
    '<script>',
    `  // mmob boot for security level ${input.securityLevel}, generated by Signet.`,
    ...(signature ? ['  // The signature expires: generate it on your server for every page view.'] : []),
    `  mmob.init(${config});`,
    '</script>',
  ].join('\n');
}

/** As a browser submits form data: every line break becomes CRLF (HTML's "convert to name-value pairs"). */
const crlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');

/**
 * The React component's request for these inputs: its hidden form fields (customerInfo's, then cp_id,
 * cp_deployment_id, page, locale when given, and signature when given) and the body a browser POSTs.
 */
export function renderBootForm(input: SnippetInput, signature: string | null): BootForm {
  const fields: FormField[] = customerFields(input.customerInfo).map(([name, value]) => ({ name, value }));
  fields.push({ name: 'cp_id', value: input.cpId });
  fields.push({ name: 'cp_deployment_id', value: input.cpDeploymentId });
  fields.push({ name: 'page', value: input.page ?? '' });
  if (input.locale) fields.push({ name: 'locale', value: input.locale });
  if (signature) fields.push({ name: 'signature', value: signature });
  const body = new URLSearchParams();
  for (const f of fields) body.append(crlf(f.name), crlf(f.value));
  const base = (input.marketplaceUrl || MMOB_DEFAULT_MARKETPLACE_URL).replace(/\/+$/, '');
  return { formAction: `${base}/boot`, formFields: fields, formBody: body.toString() };
}
