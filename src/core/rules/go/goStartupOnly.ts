/**
 * Go functions that only start-up code reaches: every call of them in the file comes, directly or through other
 * functions of the file, from a function named for starting or setting up (`StartConsumer`, `initRedis`, `Setup`,
 * `main`). client-per-request reads it: a client such a function makes and closes is made once per start, not per
 * call of a handler.
 */

/** A top-level function of a gofmt'ed file: from `func` at a line start to the `}` that starts a line. */
interface TopFunction {
  name: string;
  start: number;
  end: number;
}

/** Names of start-up functions: what runs once when the program or a component starts. */
const STARTUP = /^(?:main|init|[Ss]tart|[Ii]nit|[Ss]etup|[Bb]ootstrap)/;

function topFunctions(text: string): TopFunction[] {
  const out: TopFunction[] = [];
  for (const match of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)\s*[[(]/gm)) {
    const close = text.indexOf('\n}', match.index);
    out.push({ name: match[1], start: match.index, end: close < 0 ? text.length : close + 2 });
  }
  return out;
}

/**
 * Whether a call at `offset` runs once per run of its function: outside every loop of it, or in a range over a
 * package-level collection (`for _, topic := range Topics`, a configured list), not in an endless or conditional loop.
 */
function oncePerRun(text: string, fn: TopFunction, offset: number): boolean {
  const before = text.slice(fn.start, offset);
  for (const loop of before.matchAll(/\bfor\b([^{\n]*)\{/g)) {
    // The loop holds the call when its braces are still open at the call.
    const from = loop.index + loop[0].length;
    let depth = 1;
    for (let i = from; i < before.length && depth > 0; i++) {
      if (before[i] === '{') depth++;
      else if (before[i] === '}') depth--;
    }
    if (depth === 0) continue;
    if (!/^\s*[\w\s,]*:?=\s*range\s+[A-Z]\w*\s*$/.test(loop[1])) return false;
  }
  return true;
}

/**
 * Every call of function `name` in the file is reached only from start-up code (see STARTUP), through functions of
 * the file that call it once per run. A function the file never calls is not known to be start-up code.
 */
export function calledOnlyAtStartup(text: string, name: string): boolean {
  const functions = topFunctions(text);
  const visit = (target: string, seen: Set<string>): boolean => {
    if (STARTUP.test(target)) return true;
    if (seen.has(target) || seen.size > 8) return false;
    seen.add(target);
    const self = functions.find((fn) => fn.name === target);
    let calls = 0;
    for (const call of text.matchAll(new RegExp(`(?<![\\w.])${target}\\(`, 'g'))) {
      if (self && call.index >= self.start && call.index < self.end) continue;
      const caller = functions.find((fn) => call.index >= fn.start && call.index < fn.end);
      if (!caller || /^func\s/.test(text.slice(call.index - 5, call.index))) continue;
      calls++;
      if (!oncePerRun(text, caller, call.index) || !visit(caller.name, new Set(seen))) return false;
    }
    return calls > 0;
  };
  return visit(name, new Set());
}
