import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/testing/vectors';
import { lintWorkflow } from './lint-workflows.mjs';

const ok = `name: t
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

describe('workflow lint', () => {
  it('passes the project’s workflows', async () => {
    for (const f of ['ci.yml', 'release.yml']) {
      expect(await lintWorkflow(readFileSync(`${PROJECT_ROOT}.github/workflows/${f}`, 'utf8'), f)).toEqual([]);
    }
    expect(await lintWorkflow(ok, 'ok.yml')).toEqual([]);
  });

  it.each([
    ['a job that needs a job that does not exist', ok + '  b:\n    needs: nope\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n', 'nope'],
    ['an unknown context in an expression', ok.replace('echo hi', 'echo ${{ secretz.TOKEN }}'), 'secretz'],
    ['a step with neither run nor uses', ok.replace('      - run: echo hi', '      - name: nothing'), ''],
    ['a misspelled key', ok.replace('runs-on', 'run-on'), ''],
  ])('fails %s', async (_what, text, mention) => {
    const problems: string[] = await lintWorkflow(text, 'broken.yml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(mention);
  });
});
