/**
 * Every screen, once, in navigation order: its id (the route), its title (nav label and heading) and the
 * navigation section it is listed under. Deliberately free of React and of the screens' code, so the E2E
 * suite imports this same list to visit every screen; App.tsx maps each id to its view, checked at compile
 * time to cover exactly these ids.
 */
export const SCREENS = [
  { id: 'profiles', title: 'Profiles', section: 'Setup' },
  { id: 'about', title: 'About Signet', section: 'Setup' },
  { id: 'mmob-sign', title: 'mmob · Sign', section: 'mmob Secure Identity' },
  { id: 'mmob-verify', title: 'mmob · Verify', section: 'mmob Secure Identity' },
  { id: 'mmob-snippet', title: 'mmob · Boot snippet', section: 'mmob Secure Identity' },
  { id: 'eber-url', title: 'Eber · Login URL', section: 'Eber HMAC login' },
  { id: 'eber-verify', title: 'Eber · Verify URL', section: 'Eber HMAC login' },
  { id: 'capture', title: 'Capture live logins', section: 'Logs and records' },
  { id: 'batch', title: 'Batch verify', section: 'Logs and records' },
  { id: 'history', title: 'History', section: 'Logs and records' },
  { id: 'pack', title: 'QA test pack', section: 'Logs and records' },
] as const;

export type ScreenInfo = (typeof SCREENS)[number];
export type Screen = ScreenInfo['id'];

const bySection = new Map<string, ScreenInfo[]>();
for (const screen of SCREENS) bySection.set(screen.section, [...(bySection.get(screen.section) ?? []), screen]);
/** The navigation's sections, in the order they first appear, each with its screens in order. */
export const SECTIONS = [...bySection].map(([title, screens]) => ({ title, screens }));

export const titleOf = (id: Screen): string => SCREENS.find((s) => s.id === id)!.title;
