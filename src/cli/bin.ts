/** Process entry of the `redis-review` binary (bundled to dist/cli.js): runs the CLI and sets the exit code. */
import type { CliIo } from './command';
import { runCli } from './main';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`redis-review: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
