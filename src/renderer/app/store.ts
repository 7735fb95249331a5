import { create } from 'zustand';
import type { Screen } from './screens';

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
