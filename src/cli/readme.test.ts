/**
 * The README's CLI table is a claim about the CLI: every command it lists exists, every flag it shows is one of
 * that command's options, every required option is shown, and the sentence "Every command accepts `--json`"
 * holds. Read from the CLI's own option specs, so changing either side without the other fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../testing/vectors';
import { loadCommands } from './program';

const readme = readFileSync(`${PROJECT_ROOT}README.md`, 'utf8');
const io = { stdout: () => {}, stderr: () => {}, env: {}, readFile: () => '', readStdin: () => '', stderrIsTTY: false };
const specs = (await loadCommands(io, () => new Date())).map((c) => c.spec);

/** Rows of the table whose header is "| command | prints (`--json`) |": the command cell's code text. */
function tableRows(): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^\|\s*command\s*\|/.test(l));
  expect(start, 'the README has its CLI table').toBeGreaterThan(-1);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cell = /^\|\s*`([^`]+)`/.exec(line)?.[1];
    if (cell) rows.push(cell.replace(/\\\|/g, '|'));
  }
  return rows;
}

describe('README CLI table', () => {
  const rows = tableRows();

  /** "eber hash (--email E | …)" → "eber hash", "verify-har --input F" → "verify-har", "lint-code FILE" → "lint-code": the words before the first option. */
  const pathOf = (row: string) => /^[a-z][a-z-]*(?: [a-z][a-z-]*)?(?= |$)/.exec(row)?.[0] ?? row;

  it('lists every command the CLI has, and no other', () => {
    const listed = rows.map(pathOf);
    expect(listed.sort()).toEqual(specs.map((s) => s.path.join(' ')).sort());
  });

  it.each(rows.map((r) => [pathOf(r), r] as const))(
    '%s: shows only its real options and all required ones',
    (path, row) => {
      const spec = specs.find((s) => s.path.join(' ') === path)!;
      const flags = new Set(spec.options.map((o) => o.flag));
      for (const [, flag] of row.matchAll(/--([a-z][a-z-]*)/g)) expect(flags, `--${flag} in "${row}"`).toContain(flag!);
      for (const o of spec.options.filter((o) => o.required)) expect(row).toContain(`--${o.flag}`);
    },
  );

  it('"Every command accepts --json" holds', () => {
    expect(readme).toContain('Every command accepts `--json`');
    for (const s of specs)
      expect(
        s.options.map((o) => o.flag),
        s.path.join(' '),
      ).toContain('json');
  });
});
