import { create } from 'zustand';

export const SCREENS = {
  profiles: 'Profiles',
  'mmob-sign': 'mmob · Sign',
  'mmob-verify': 'mmob · Verify',
  'mmob-snippet': 'mmob · Boot snippet',
  'eber-url': 'Eber · Login URL',
  'eber-verify': 'Eber · Verify URL',
  batch: 'Batch verify',
  history: 'History',
} as const;
export type Screen = keyof typeof SCREENS;

interface AppState {
  screen: Screen;
  go: (screen: Screen) => void;
}

export const useAppStore = create<AppState>((set) => ({
  screen: 'profiles',
  go: (screen) => set({ screen }),
}));

export const useScreen = () => useAppStore((s) => s.screen);
export const useGo = () => useAppStore((s) => s.go);
