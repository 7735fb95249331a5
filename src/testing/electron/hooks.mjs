// Module-resolution hook: `electron` resolves to the recording stand-in beside this file.
const STAND_IN = new URL('./stand-in.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
