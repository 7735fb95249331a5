/** The batch's schemes and input formats: plain data, so the CLI can list them without loading a verifier. */
/** jsonl: one JSON object per line; csv: a header line, then one row per line; lines: one Eber URL per line. */
export const BATCH_FORMATS = {
  mmob: ['jsonl', 'csv'],
  eber: ['lines', 'jsonl', 'csv'],
} as const satisfies Record<string, readonly string[]>;

export type BatchScheme = keyof typeof BATCH_FORMATS;
export type BatchFormat = (typeof BATCH_FORMATS)[BatchScheme][number];
export const BATCH_SCHEMES = Object.keys(BATCH_FORMATS) as BatchScheme[];
/** Every format some scheme reads. */
export const ALL_BATCH_FORMATS = [...new Set(Object.values(BATCH_FORMATS).flat())] as BatchFormat[];

export function isBatchFormatOf(scheme: BatchScheme, format: string): format is BatchFormat {
  return (BATCH_FORMATS[scheme] as readonly string[]).includes(format);
}
