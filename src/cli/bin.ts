/** Process entry of the `redis-review` binary (bundled to dist/cli.js): runs the CLI and sets the exit code. */
import type { CliIo } from './command';
import { runCli } from './main';

// `redis-review lint | head` closes the pipe early: that is the reader's choice, not an error to crash on.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

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
