/**
 * The channels whose calls history records: a subset of the channel list, checked as such. Free of zod (unlike
 * contract.ts, which re-exports it) so the renderer can import it without bundling the schema library.
 */
import type { ChannelName } from './channels';

export const HISTORY_KINDS = [
  'mmob:sign',
  'mmob:verify',
  'mmob:snippet',
  'eber:hash',
  'eber:url',
  'eber:verify',
] as const satisfies readonly ChannelName[];
export type HistoryKind = (typeof HISTORY_KINDS)[number];
