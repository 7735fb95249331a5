/**
 * The language toolchains the code-kit tests run generated programs with: which commands each needs, the
 * Debian package that provides them (.ci/run installs the same), and how to build once and run many times.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLang } from '../core/common/codekit';
import { PROJECT_ROOT } from './vectors';

export interface Toolchain {
  commands: string[];
  /** How to get the commands on Debian (what .ci/run runs). */
  install: string;
}

export const TOOLCHAINS: Record<CodeLang, Toolchain> = {
  node: { commands: ['node'], install: 'Node itself (tsx from node_modules runs the TypeScript)' },
  php: { commands: ['php'], install: 'apt-get install -y --no-install-recommends php-cli' },
  python: { commands: ['python3'], install: 'apt-get install -y --no-install-recommends python3' },
  java: { commands: ['javac', 'java'], install: 'apt-get install -y --no-install-recommends default-jdk-headless' },
  csharp: { commands: ['mcs', 'mono'], install: 'apt-get install -y --no-install-recommends mono-mcs' },
  go: { commands: ['go'], install: 'apt-get install -y --no-install-recommends golang-go' },
  ruby: { commands: ['ruby'], install: 'apt-get install -y --no-install-recommends ruby' },
  shell: {
    commands: ['sh', 'openssl', 'od', 'awk', 'date'],
    install: 'apt-get install -y --no-install-recommends openssl',
  },
};

/** The toolchain's commands that are not on PATH. */
export function missingCommands(lang: CodeLang): string[] {
  return TOOLCHAINS[lang].commands.filter(
    (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status !== 0,
  );
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export interface Built {
  /** Runs the built program with arguments, stdin and extra environment. */
  run: (args: string[], stdin?: string, env?: Record<string, string>) => RunResult;
}

function check(what: string, r: SpawnSyncReturns<string>): void {
  if (r.error || r.status !== 0)
    throw new Error(`${what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
}

const GO_CACHE = join(tmpdir(), 'signet-codekit-gocache');

/** Writes the program into `dir` and compiles it where the language compiles: once, so many runs share it. */
export function build(lang: CodeLang, dir: string, filename: string, code: string): Built {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, filename);
  writeFileSync(file, code);
  const base = filename.replace(/\.[a-z]+$/, '');
  const baseEnv = { ...process.env, LC_ALL: 'C.UTF-8' };
  let command: string[];
  const opts = { encoding: 'utf8' as const, maxBuffer: 64 << 20, timeout: 120_000 };
  switch (lang) {
    case 'node':
      command = [join(PROJECT_ROOT, 'node_modules/.bin/tsx'), file];
      break;
    case 'php':
      command = ['php', file];
      break;
    case 'python':
      command = ['python3', file];
      break;
    case 'ruby':
      command = ['ruby', file];
      break;
    case 'shell':
      command = ['sh', file];
      break;
    case 'java':
      check('javac', spawnSync('javac', ['-encoding', 'UTF-8', '-d', dir, file], opts));
      command = ['java', '-Xshare:auto', '-XX:TieredStopAtLevel=1', '-cp', dir, base];
      break;
    case 'csharp':
      check('mcs', spawnSync('mcs', [`-out:${join(dir, `${base}.exe`)}`, file], opts));
      command = ['mono', join(dir, `${base}.exe`)];
      break;
    case 'go': {
      const env = {
        ...baseEnv,
        GOCACHE: GO_CACHE,
        GOPATH: join(tmpdir(), 'signet-codekit-gopath'),
        GO111MODULE: 'off',
      };
      check('go build', spawnSync('go', ['build', '-o', join(dir, base), file], { ...opts, env, cwd: dir }));
      command = [join(dir, base)];
      break;
    }
  }
  const [cmd, ...pre] = command;
  return {
    run: (args, stdin = '', env = {}) => {
      const r = spawnSync(cmd!, [...pre, ...args], { ...opts, input: stdin, env: { ...baseEnv, ...env }, cwd: dir });
      if (r.error) throw r.error;
      return { stdout: r.stdout, stderr: r.stderr, status: r.status };
    },
  };
}
