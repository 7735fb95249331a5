import type { HistoryEntry } from '../../shared/contract';
import type { Screen } from '../app/screens';
import type { SecretChoice } from '../components/SecretSource';

/**
 * How a feature re-opens one of its history entries: it fills its own form from the recorded request
 * (never holding a secret; `secret` says which profile to re-select, or asks for the one-off secret again)
 * and names the screen that shows that form.
 */
export type Restorer = (input: HistoryEntry['input'], secret: SecretChoice) => Screen;

/** A recorded request value as form text: absent becomes "", a number its digits. */
export const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
