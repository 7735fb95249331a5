import { readFileSync } from 'node:fs';
import { runCli } from './program';
import { writeAll } from './write';

void runCli(process.argv.slice(2), {
  stdout: (s) => writeAll(1, s),
  stderr: (s) => writeAll(2, s),
  env: process.env,
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  // A getter: reading process.stderr builds its stream, which only verify-batch (progress bar) needs.
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
}).then((exitCode) => {
  process.exitCode = exitCode;
});
