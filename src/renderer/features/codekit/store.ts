import { create } from 'zustand';
import type { CodeLang, CodeScheme } from '../../../core/common/codekit/types';
import type { LintLang } from '../../../core/common/codekit/lint';

/**
 * The code kit panel's choices, shared by the three screens that show it (mmob · Sign, mmob · Boot snippet,
 * Eber · Login URL): a language picked on one screen is the one shown on the next. What the programs embed
 * comes from the open screen's form, never from here; the secret never reaches this store (the programs read
 * it from the environment variable named here).
 */
export type KitTab = 'kit' | 'lint';

interface CodeKitState {
  /** Which screens have the panel open (it loads its code when first opened). */
  open: Partial<Record<string, boolean>>;
  tab: KitTab;
  lang: CodeLang;
  /** The environment variable the programs read the secret from, per scheme; empty: the kit's default. */
  secretEnv: Record<CodeScheme, string>;
  /** "Check my code": the pasted code and its language ('auto': detected from the text). */
  lintText: string;
  lintLang: LintLang | 'auto';
  toggle: (screen: string) => void;
  set: (patch: Partial<Pick<CodeKitState, 'tab' | 'lang' | 'lintText' | 'lintLang'>>) => void;
  setSecretEnv: (scheme: CodeScheme, name: string) => void;
}

export const useCodeKitStore = create<CodeKitState>((set) => ({
  open: {},
  tab: 'kit',
  lang: 'node',
  secretEnv: { mmob: '', eber: '' },
  lintText: '',
  lintLang: 'auto',
  toggle: (screen) => set((s) => ({ open: { ...s.open, [screen]: !s.open[screen] } })),
  set: (patch) => set(patch),
  setSecretEnv: (scheme, name) => set((s) => ({ secretEnv: { ...s.secretEnv, [scheme]: name } })),
}));
