/** Drives an RdbParser from any async source of chunks (a file, a socket), with cancellation and progress. */
import { RdbParser, type RdbParserOptions } from './rdbParser';
import { RdbError, type RdbListener } from './types';

export interface RdbStreamOutcome {
  /** The parse reached the EOF opcode and the checksum matched. */
  complete: boolean;
  /** Why it did not: an RdbError (with its offset), a cancellation, or a source failure. */
  error?: Error;
  /** RDB bytes parsed (complete units). */
  bytes: number;
  rdbVersion: number;
  /** Bytes after the checksum (a diskless transfer's EOF mark), at most 64. */
  trailing: Uint8Array;
}

export interface RdbStreamOptions extends RdbParserOptions {
  signal?: AbortSignal;
  /** Called at most every `progressIntervalMs` with the bytes read so far and keys seen. */
  onProgress?(bytes: number, keys: number): void;
  progressIntervalMs?: number;
  /** Stop reading once the parse is done (a transfer may carry bytes after the RDB that belong to someone else). */
  stopWhenDone?: boolean;
}

/** Parse chunks until the source ends, the parse fails, or the signal aborts; never throws for bad input. */
export async function parseRdbStream(source: AsyncIterable<Uint8Array>, listener: RdbListener, options: RdbStreamOptions = {}): Promise<RdbStreamOutcome> {
  const parser = new RdbParser(listener, options);
  const interval = options.progressIntervalMs ?? 500;
  let lastProgress = 0;
  let read = 0;
  const outcome = (error?: Error): RdbStreamOutcome => ({
    complete: parser.done && !error, ...(error ? { error } : {}), bytes: parser.offset, rdbVersion: parser.version, trailing: parser.trailing,
  });
  try {
    for await (const chunk of source) {
      if (options.signal?.aborted) return outcome(abortError(options.signal, parser.offset));
      read += chunk.length;
      parser.push(chunk);
      if (options.onProgress && Date.now() - lastProgress >= interval) {
        lastProgress = Date.now();
        options.onProgress(read, parser.keys);
      }
      if (parser.done && options.stopWhenDone) break;
    }
    if (options.signal?.aborted && !parser.done) return outcome(abortError(options.signal, parser.offset));
    parser.end();
    options.onProgress?.(read, parser.keys);
    return outcome();
  } catch (error) {
    return outcome(error instanceof Error ? error : new Error(String(error)));
  }
}

function abortError(signal: AbortSignal, offset: number): Error {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'cancelled';
  return new Error(`${reason} after ${offset} bytes of the RDB`);
}

export { RdbError };
