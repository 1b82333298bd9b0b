/** The explicit registry of `redis-review` subcommands. */
import { analyzeCommand } from './analyze/analyzeCommand';
import type { CliCommand } from './command';
import { confCommand } from './conf/confCommand';
import { lintCommand } from './lint/lintCommand';
import { scaffoldCommand } from './scaffold/scaffoldCommand';

export const COMMANDS: CliCommand[] = [lintCommand, analyzeCommand, confCommand, scaffoldCommand];
