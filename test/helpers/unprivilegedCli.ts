/**
 * Runs the `redis-review` CLI from source in a child process that cannot read what `chmod 000` protects: as
 * "nobody" when the tests run as root (root reads everything), as the current user otherwise.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repository = join(__dirname, '..', '..');
const NOBODY = 65534;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Folders the child must traverse need o+x when it runs as nobody: callers chmod their temp dirs 0755. */
export function runCliUnprivileged(args: string[], cwd: string): CliRun {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(join(repository, 'node_modules', '.bin', 'tsx'), [join(repository, 'src', 'cli', 'bin.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: cwd, NODE_OPTIONS: '' },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
