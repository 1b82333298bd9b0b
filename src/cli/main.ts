/** `redis-review` command line: dispatches to the subcommands in COMMANDS. */
import { COMMANDS } from './commands';
import { CliFailure, UsageError, type CliIo } from './command';

const VERSION = '0.1.0';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: redis-review <command> [options]', '', 'Commands:', ...lines, '', 'Run `redis-review <command> --help` for a command\'s options.'].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`redis-review: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`redis-review ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr(`redis-review ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`redis-review ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
