import { useComputedColorScheme } from '@mantine/core';

/**
 * A shade of a colour that keeps text at WCAG AA contrast on the page background: dark shades on the
 * light theme, light shades on the dark one (outline badges draw their text in this colour).
 */
export function useStrongColor(): (color: string) => string {
  const scheme = useComputedColorScheme('light');
  return (color) => `${color}.${scheme === 'dark' ? 3 : 9}`;
}
