import { readFileSync } from 'node:fs';
import { runCli } from './program';

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  stderrIsTTY: process.stderr.isTTY === true,
}).then((exitCode) => {
  process.exitCode = exitCode;
});
