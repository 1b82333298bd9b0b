/**
 * Functions whose client parameter is a pipeline the caller hands them:
 *
 *     def remove_many(self, values):
 *         def _remove_many(redis, values):
 *             for value in values:
 *                 redis.zrem(key, value)
 *         return self._pipeline_if_needed(_remove_many, values)
 *
 * The callback is given to a function named for pipelines, transactions or batches (redis-py `transaction(fn)`,
 * a project's `_pipeline_if_needed(fn)`, `withPipeline(async (pipe) => ...)`), which runs it on a pipeline: the
 * commands of its loop are queued and sent together.
 */
import type { RedisCallSite } from '../rule';

/** Words of a callee name that say it runs its callback on a pipeline, a transaction or a batch. */
const RUNNER_WORDS = new Set(['pipe', 'pipeline', 'pipelined', 'pipelines', 'transaction', 'transactional', 'tx', 'batch', 'batched', 'multi', 'atomic', 'atomically']);

/** `_pipeline_if_needed`, `withPipeline`, `runInTransaction`: the callee's name has one of those words. */
function isPipelineRunner(callee: string): boolean {
  const name = callee.split('.').pop() ?? '';
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_$]+/)
    .some((word) => RUNNER_WORDS.has(word));
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/** The parameter list at the start of a function's text (`def f(redis, values):`, `function f(pipe) {`, `(pipe) =>`). */
function parameters(header: string): string[] {
  const open = header.indexOf('(');
  const close = open >= 0 ? header.indexOf(')', open) : -1;
  if (open < 0 || close < 0) return [];
  return header
    .slice(open + 1, close)
    .split(',')
    .map((p) => p.trim().replace(/^\*+/, '').split(/[\s:=]/)[0])
    .filter(Boolean);
}

/** `runner(fn, ...)`, `self._pipeline_if_needed(fn, args)`: the file hands the named function to a pipeline runner. */
function handedToRunner(text: string, name: string): boolean {
  const passed = new RegExp(`([A-Za-z_$][\\w$.]*)\\s*\\(\\s*(?:[^()]*?,\\s*)?${escape(name)}\\s*[,)]`, 'g');
  for (let match = passed.exec(text); match; match = passed.exec(text)) {
    if (isPipelineRunner(match[1])) return true;
  }
  return false;
}

/**
 * Whether the loop command runs on a parameter of its function that a pipeline runner fills: the function is handed
 * by name to such a runner, or written inline as its argument (`client.transaction(async (pipe) => { ... })`).
 */
export function runsOnHandedPipeline(site: RedisCallSite, text: string): boolean {
  const fn = site.enclosingFunction;
  if (!fn || site.via) return false;
  const root = /^[A-Za-z_$][\w$]*/.exec(site.receiver.text)?.[0];
  if (!root || root === 'self' || root === 'this') return false;
  const header = text.slice(fn.span.startOffset, Math.min(fn.span.endOffset, fn.span.startOffset + 300));
  if (!parameters(header).includes(root)) return false;
  if (/^[A-Za-z_$][\w$]*$/.test(fn.name) && handedToRunner(text, fn.name)) return true;
  const before = text.slice(Math.max(0, fn.span.startOffset - 120), fn.span.startOffset);
  const inline = /([A-Za-z_$][\w$.]*)\s*\(\s*(?:[^()]*?,\s*)?(?:async\s+)?$/.exec(before);
  return !!inline && isPipelineRunner(inline[1]);
}
