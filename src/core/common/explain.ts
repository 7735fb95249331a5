/**
 * One sentence about one code, hint or warning, as data: the CLI prints `code: text`, the UI shows a badge and
 * the text, and nobody parses a string back into its parts.
 */
export interface Explanation {
  code: string;
  /** code: why the value is invalid; hint: the likely mistake that produced it; warning: valid, but risky. */
  kind: 'code' | 'hint' | 'warning';
  text: string;
}
