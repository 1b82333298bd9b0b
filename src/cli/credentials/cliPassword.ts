/**
 * Where the command line gets a Redis password without it showing in `ps` or shell history: the
 * REDISCLI_AUTH environment variable (as redis-cli reads it) or a prompt on the terminal that does not echo.
 * A password written into --url still works, with a warning that says why it is a bad idea.
 */
import type { Readable, Writable } from 'node:stream';

export interface PasswordSources {
  /** The password in the URL, if it had one. */
  fromUrl?: string;
  /** Environment to read REDISCLI_AUTH from. */
  env: Record<string, string | undefined>;
  /** Ask on `input` (a terminal: echo off) when no other source has one. */
  ask: boolean;
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where the prompt and warnings go (stderr: stdout may be a report). */
  output: Writable;
  /** Warn about a password in the URL (default true; off when nobody reads stderr, as in scripts and pipelines). */
  warnAboutUrl?: boolean;
}

export interface ResolvedPassword {
  password?: string;
  source: 'url' | 'env' | 'prompt' | 'none';
}

const URL_WARNING =
  'warning: the password in --url is visible to other users (process list, shell history); set REDISCLI_AUTH or use --ask-password instead\n';

/** Reads one line; on a terminal keystrokes are not echoed and Ctrl-C / Ctrl-D abort. */
export function readSecretLine(input: PasswordSources['input'], output: Writable, prompt: string): Promise<string> {
  output.write(prompt);
  const raw = Boolean(input.isTTY && input.setRawMode);
  if (raw) input.setRawMode!(true);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (raw) input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('password entry cancelled'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    const onEnd = () => finish(line ? undefined : new Error('no password given on standard input'));
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** The password to connect with, and where it came from (never the password itself in any message). */
export async function resolveCliPassword(sources: PasswordSources): Promise<ResolvedPassword> {
  if (sources.fromUrl !== undefined) {
    if (sources.warnAboutUrl !== false) sources.output.write(URL_WARNING);
    return { password: sources.fromUrl, source: 'url' };
  }
  const fromEnv = sources.env.REDISCLI_AUTH;
  if (fromEnv) return { password: fromEnv, source: 'env' };
  if (sources.ask) return { password: await readSecretLine(sources.input, sources.output, 'Redis password: '), source: 'prompt' };
  return { source: 'none' };
}
