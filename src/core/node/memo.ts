/**
 * `make`, re-run only when its argument changes. A batch calls the verifiers with one secret for every
 * record, so whatever is derived from the secret (the decoded key, the prepared HMAC pads) is made once.
 * One entry, not a map: no secret but the current one stays referenced.
 */
export function lastOnly<K, V>(make: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (key) => {
    if (last === undefined || last.key !== key) last = { key, value: make(key) };
    return last.value;
  };
}
