/**
 * The messages between `redis-review lint` and its worker threads. In a lint run a worker indexes batches of
 * the Redis files (round one of the workspace index) as it asks for them, then reviews its share of the files
 * with the finished index. Analyses made while indexing stay in the worker that made them.
 */
import type { ResolvedConfig } from '../../../core/config';
import type { FileSummary, LuaScriptFile } from '../../../core/review';
import type { FileOutcome } from '../lintFiles';

export interface IndexRequest {
  type: 'index';
  /** The first request of a run: analyses kept from an earlier run are dropped. */
  fresh: boolean;
  /** Project paths and texts of the files to summarise without an index. */
  files: { path: string; text: string }[];
}

export interface ReviewRequest {
  type: 'review';
  config: ResolvedConfig;
  timeBudgetMs: number;
  /** The finished index, in its own order. */
  summaries: FileSummary[];
  /** The Lua script files of the project (the index holds them apart from the summaries). */
  luaScripts: LuaScriptFile[];
  /** Files whose indexing analysis must not be reused (round two read them again with the index). */
  stale: string[];
  files: { path: string; projectPath: string; text: string }[];
}

export type WorkerRequest = IndexRequest | ReviewRequest;

export interface ReadyReply {
  type: 'ready';
}

export interface IndexedReply {
  type: 'indexed';
  /** One entry per requested file, in order: no summary when the file could not be analysed. */
  results: { summary?: FileSummary; reusable: boolean }[];
}

export interface ReviewedReply {
  type: 'reviewed';
  /** One outcome per requested file, in order. */
  outcomes: FileOutcome[];
}

export interface FailedReply {
  type: 'failed';
  message: string;
}

export type WorkerReply = ReadyReply | IndexedReply | ReviewedReply | FailedReply;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks a message from a worker before the pool trusts it: a broken worker must not corrupt a report. */
export function parseWorkerReply(value: unknown, expected: number | undefined): WorkerReply {
  if (!isObject(value) || typeof value.type !== 'string') throw new Error('lint worker sent a malformed message');
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'failed':
      return { type: 'failed', message: typeof value.message === 'string' ? value.message : 'unknown failure' };
    case 'indexed': {
      const results = value.results;
      if (!Array.isArray(results) || results.length !== expected || !results.every((r) => isObject(r) && typeof r.reusable === 'boolean' && (r.summary === undefined || (isObject(r.summary) && typeof r.summary.path === 'string')))) {
        throw new Error('lint worker sent a malformed index reply');
      }
      return value as unknown as IndexedReply;
    }
    case 'reviewed': {
      const outcomes = value.outcomes;
      if (!Array.isArray(outcomes) || outcomes.length !== expected || !outcomes.every((o) => isObject(o) && Array.isArray(o.notices) && (o.findings === undefined || Array.isArray(o.findings)))) {
        throw new Error('lint worker sent a malformed review reply');
      }
      return value as unknown as ReviewedReply;
    }
    default:
      throw new Error(`lint worker sent an unknown message "${value.type}"`);
  }
}

function isLuaScriptList(value: unknown): boolean {
  return Array.isArray(value) && value.every((script) => isObject(script) && typeof script.path === 'string' && typeof script.text === 'string');
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  return isObject(value) && ((value.type === 'index' && typeof value.fresh === 'boolean' && Array.isArray(value.files)) || (value.type === 'review' && Array.isArray(value.files) && Array.isArray(value.summaries) && Array.isArray(value.stale) && isObject(value.config) && isLuaScriptList(value.luaScripts)));
}
