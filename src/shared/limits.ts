/**
 * Size limits of IPC requests, declared once: main refuses anything larger before a handler sees it, and the
 * renderer checks its inputs against the same numbers. Free of zod (unlike contract.ts) so the renderer can
 * import them without bundling the schema library.
 */
export const LIMITS = {
  text: 1024,
  secret: 4096,
  signature: 4096,
  url: 16_384,
  json: 1_048_576,
  /** Code pasted into "Check my code": linted in the renderer (never sent to main), refused above this. */
  code: 65_536,
  /** The whole serialized payload. */
  payloadBytes: 2_097_152,
} as const;
