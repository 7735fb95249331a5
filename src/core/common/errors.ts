/**
 * Errors for input the caller must fix (a usage problem, not an invalid signature).
 * `field` names the offending input so a UI can point at it; messages never contain secrets.
 */
export class SignetInputError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'SignetInputError';
    this.code = code;
    this.field = field;
  }
}

export function isSignetInputError(e: unknown): e is SignetInputError {
  return e instanceof SignetInputError;
}
