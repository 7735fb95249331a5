/**
 * A refused request field in plain words, for the person at the form: what is wrong with which field and
 * what is expected (the limit, the format), never a channel name or the schema library's wording.
 */

/** How the sentence names a request field. */
const FIELD_NAMES: Record<string, string> = {
  secret: 'The secret',
  profileId: 'The profile',
  signature: 'The signature',
  url: 'The URL',
  baseUrl: 'The base URL',
  identifier: 'The identifier',
  identifierType: 'The identifier type',
  phoneCode: 'The country code',
  cpId: 'cpId',
  cpDeploymentId: 'cpDeploymentId',
  email: 'The email',
  timestamp: 'The timestamp',
  nonce: 'The nonce',
  now: 'The verifier time',
  timezone: 'The time zone',
  toleranceSeconds: 'The tolerance',
  expiresInMinutes: 'The expiry (minutes)',
  locale: 'The language',
  name: 'The profile name',
  json: 'The file',
  text: 'The text',
};

/** The parts of a zod issue this reads (zod 4), so the wording does not depend on zod's messages. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  format?: string;
}

const count = (n: number | bigint | undefined) => Number(n ?? 0).toLocaleString('en');

/** The value at an issue's path in the payload, to say how long it actually was. */
function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = payload;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

export function plainIssue(issue: IssueLike | undefined, payload: unknown): string {
  if (!issue) return 'Signet could not read this request. Check the fields and try again.';
  const top = issue.path.length > 0 ? String(issue.path[0]) : '';
  const who = FIELD_NAMES[top] ?? (top ? `The field "${issue.path.map(String).join('.')}"` : 'The request');
  const value = valueAt(payload, issue.path);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') {
        const actual = typeof value === 'string' ? ` (this one has ${count(value.length)})` : '';
        return `${who} is too long: at most ${count(issue.maximum)} characters${actual}.`;
      }
      if (issue.origin === 'array') return `${who} has too many entries: at most ${count(issue.maximum)}.`;
      return `${who} is too large: at most ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `${who} is empty: fill it in.`
          : `${who} is too short: at least ${count(issue.minimum)} characters.`;
      return `${who} is too small: at least ${count(issue.minimum)}.`;
    case 'invalid_type':
      return value === undefined
        ? `${who} is missing: fill it in.`
        : `${who} must be ${issue.expected === 'number' || issue.expected === 'int' ? 'a number' : `a ${issue.expected ?? 'value of another kind'}`}.`;
    case 'invalid_value':
      return `${who} must be one of: ${(issue.values ?? []).map((v) => String(v)).join(', ')}.`;
    case 'invalid_format':
      return `${who} is not in the expected format${issue.format ? ` (${issue.format})` : ''}.`;
    case 'not_multiple_of':
      return `${who} must be a whole number.`;
    case 'unrecognized_keys':
      return `The request has fields Signet does not know: ${(issue.keys ?? []).join(', ')}.`;
    default:
      return `${who} is not valid here. Check it and try again.`;
  }
}
