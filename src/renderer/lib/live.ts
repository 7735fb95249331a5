/** Live results: run shortly after the user stops typing instead of on every keystroke. */
export function debounced(fn: () => Promise<void>, ms = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void fn(), ms);
  };
}

/** Every IANA time zone this runtime knows, for time-zone pickers. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');
