import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * main.tsx imports Mantine's stylesheets per component (not the whole styles.css), so a screen that starts
 * using a new component must add its stylesheet there or it renders unstyled. This test reads every renderer
 * source, collects the Mantine components it imports, and checks each one's stylesheets are imported.
 */
const ROOT = 'src/renderer';
const STYLES = 'node_modules/@mantine/core/styles';

/** Stylesheets a component needs besides its own (the parts it is built from). */
const BUILT_FROM: Record<string, readonly string[]> = {
  Alert: ['CloseButton'],
  Autocomplete: ['Input', 'Combobox', 'Popover'],
  Button: ['UnstyledButton', 'Loader'],
  Card: ['Paper'],
  Menu: ['Popover', 'UnstyledButton'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  NavLink: ['UnstyledButton'],
  NumberInput: ['Input'],
  PasswordInput: ['Input', 'ActionIcon'],
  Radio: ['InlineInput'],
  SegmentedControl: ['FloatingIndicator'],
  Select: ['Input', 'Combobox', 'Popover', 'CloseButton'],
  Textarea: ['Input'],
  TextInput: ['Input'],
  Tabs: ['UnstyledButton'],
  Tooltip: ['Popover'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('Mantine stylesheets', () => {
  it('main.tsx imports the stylesheet of every Mantine component the renderer uses', () => {
    const used = new Set<string>();
    for (const file of sources(ROOT))
      for (const m of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g))
        for (const name of m[1]!.split(',').map((s) => s.trim()))
          if (/^[A-Z]/.test(name) && !name.startsWith('type ')) used.add(name);
    const main = readFileSync(join(ROOT, 'main.tsx'), 'utf8');
    const imported = new Set([...main.matchAll(/'@mantine\/core\/styles\/([\w-]+)\.css'/g)].map((m) => m[1]!));
    const needed = new Set<string>(['baseline', 'default-css-variables', 'global']);
    for (const name of used)
      for (const sheet of [name, ...(BUILT_FROM[name] ?? [])])
        if (existsSync(join(STYLES, `${sheet}.css`))) needed.add(sheet);
    expect(used.size).toBeGreaterThan(10);
    expect([...needed].filter((s) => !imported.has(s))).toEqual([]);
    expect(main).not.toContain("'@mantine/core/styles.css'");
  });
});
