/** The shape of a `redis-review` subcommand. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `redis-review --help`. */
  summary: string;
  /** Full usage text for `redis-review <name> --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 findings/failure, 2 usage or internal error. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad command-line input: main prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/**
 * Thrown for a failure the user can fix outside the tool (server unreachable, refused database): main prints the
 * message alone — no stack, no usage — and exits with `exitCode`.
 */
export class CliFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
