/** The explicit registry of `redis-review` subcommands. */
import type { CliCommand } from './command';

export const COMMANDS: CliCommand[] = [];
