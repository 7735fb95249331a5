import { Fragment } from 'react';

/** Where a long value may break: after the separators of URLs, signatures and JSON. */
const BOUNDARY = /(?<=[&?:,;=/])/;

/**
 * A long code value (a URL, a signature) with line-break opportunities after its separators, so it wraps
 * between tokens ("…&hmac_hash=" | "aee8…") rather than in the middle of one. The text, copied or read by
 * a screen reader, is unchanged.
 */
export function Tokens({ value }: { value: string }) {
  const parts = value.length > 20 ? value.split(BOUNDARY) : [value];
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
