/** The batch's schemes and input formats: plain data, so the CLI can list them without loading a verifier. */
export type BatchScheme = 'mmob' | 'eber';
/** jsonl: one JSON object per line; csv: a header line, then one row per line; lines: one Eber URL per line. */
export type BatchFormat = 'jsonl' | 'csv' | 'lines';

export const BATCH_FORMATS: Record<BatchScheme, readonly BatchFormat[]> = {
  mmob: ['jsonl', 'csv'],
  eber: ['lines', 'jsonl', 'csv'],
};
