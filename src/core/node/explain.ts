import type { Explanation } from '../common/explain';

/**
 * `details.messages` from `details.explanations`, `CODE: text` each: every verdict path builds the
 * explanations and derives the messages with this, so the two cannot disagree (a property test holds
 * them to it). A loop rather than `map`: it runs once per verified record.
 */
export function messagesOf(explanations: readonly Explanation[]): string[] {
  const messages: string[] = [];
  for (const x of explanations) messages.push(`${x.code}: ${x.text}`);
  return messages;
}
