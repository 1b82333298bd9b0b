/**
 * Runs the `redis-review` CLI from source in a child process that cannot read what `chmod 000` protects. Root
 * reads everything through the DAC capabilities, so as root the child runs under util-linux `setpriv` with
 * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped (still root, so the checkout stays readable wherever CI put
 * it); as any other user it simply runs as that user.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repository = join(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCliUnprivileged(args: string[], cwd: string): CliRun {
  const tsx = join(repository, 'node_modules', '.bin', 'tsx');
  const command = [tsx, join(repository, 'src', 'cli', 'bin.ts'), ...args];
  const asRoot = process.getuid?.() === 0;
  const [file, ...rest] = asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', ...command] : command;
  const result = spawnSync(file, rest, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
