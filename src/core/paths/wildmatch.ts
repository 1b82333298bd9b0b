/**
 * Glob matching in time linear in the path (times the pattern's length), for .gitignore patterns and config
 * globs: `*`, `?`, `[...]` classes, `**` and backslash escapes. Compiled to a list of tokens and run as an NFA
 * over a set of positions, so no pattern — however many stars — can make matching backtrack exponentially
 * the way a translated regular expression does.
 */

type Token =
  | { kind: 'literal'; char: string }
  /** `?`: one character other than '/'. */
  | { kind: 'one' }
  /** `*`: any run of characters other than '/'. */
  | { kind: 'star' }
  /** `**` at the end or after a slash and not before one: any run, slashes included. */
  | { kind: 'anything' }
  /** `**​/`: nothing, or any run that ends with a slash (zero or more whole folders). */
  | { kind: 'folders' }
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

/** A compiled pattern, or why the text is not a valid pattern. */
export type CompiledGlob = { ok: true; tokens: readonly Token[] } | { ok: false; reason: string };

/** Parses `[...]` starting at `start` (the '['); returns the token and the index after ']', or undefined when unclosed. */
function parseClass(pattern: string, start: number): { token: Token; next: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Array<[string, string]> = [];
  let first = true;
  while (i < pattern.length) {
    let char = pattern[i];
    // A ']' right after the opening (or its negation) is a member, as in git's wildmatch.
    if (char === ']' && !first) return { token: { kind: 'class', negated, ranges }, next: i + 1 };
    first = false;
    if (char === '\\') {
      i++;
      if (i >= pattern.length) return undefined;
      char = pattern[i];
    }
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let end = pattern[i + 2];
      let skip = 3;
      if (end === '\\') {
        if (i + 3 >= pattern.length) return undefined;
        end = pattern[i + 3];
        skip = 4;
      }
      ranges.push([char, end]);
      i += skip;
    } else {
      ranges.push([char, char]);
      i++;
    }
  }
  return undefined;
}

/** Compiles a glob (forward slashes). Braces are literal here, as in .gitignore; expand them before if wanted. */
export function compileGlob(pattern: string): CompiledGlob {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      if (i + 1 >= pattern.length) return { ok: false, reason: 'a trailing backslash escapes nothing' };
      tokens.push({ kind: 'literal', char: pattern[++i] });
    } else if (char === '?') tokens.push({ kind: 'one' });
    else if (char === '[') {
      const parsed = parseClass(pattern, i);
      if (!parsed) return { ok: false, reason: `the "[" at column ${i + 1} is never closed` };
      tokens.push(parsed.token);
      i = parsed.next - 1;
    } else if (char === '*') {
      let end = i;
      while (pattern[end + 1] === '*') end++;
      const run = end - i + 1;
      const startsSegment = i === 0 || pattern[i - 1] === '/';
      const endsSegment = end + 1 === pattern.length || pattern[end + 1] === '/';
      if (run >= 2 && startsSegment && endsSegment) {
        if (end + 1 === pattern.length) tokens.push({ kind: 'anything' });
        else {
          tokens.push({ kind: 'folders' });
          end++; // the slash belongs to the folders token
        }
      } else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
      i = end;
    } else tokens.push({ kind: 'literal', char });
  }
  return { ok: true, tokens };
}

function inClass(token: Extract<Token, { kind: 'class' }>, char: string): boolean {
  if (char === '/') return false;
  const hit = token.ranges.some(([from, to]) => char >= from && char <= to);
  return hit !== token.negated;
}

/**
 * True when the whole `path` matches. States: 2·i is "before token i", 2·i+1 is "inside the run of a folders
 * token i" (it has consumed characters and still needs the slash that ends them).
 */
export function matchGlob(glob: CompiledGlob & { ok: true }, path: string): boolean {
  const tokens = glob.tokens;
  const stateCount = 2 * tokens.length + 2;
  let current = new Uint8Array(stateCount);
  let next = new Uint8Array(stateCount);
  const accept = 2 * tokens.length;
  // Adds a state and everything reachable from it without consuming a character.
  const add = (set: Uint8Array, state: number) => {
    while (!set[state]) {
      set[state] = 1;
      if (state % 2 === 1 || state === accept) return;
      const token = tokens[state / 2];
      if (token.kind === 'star' || token.kind === 'anything' || token.kind === 'folders') state += 2;
      else return;
    }
  };
  add(current, 0);
  for (let p = 0; p < path.length; p++) {
    const char = path[p];
    next.fill(0);
    let alive = false;
    for (let state = 0; state < accept; state++) {
      if (!current[state]) continue;
      const index = state >> 1;
      const token = tokens[index];
      if (state % 2 === 1) {
        // Inside a folders run: keep going, or end it at a slash.
        add(next, state);
        if (char === '/') add(next, 2 * index + 2);
        alive = true;
        continue;
      }
      switch (token.kind) {
        case 'literal':
          if (token.char === char) (add(next, state + 2), (alive = true));
          break;
        case 'one':
          if (char !== '/') (add(next, state + 2), (alive = true));
          break;
        case 'class':
          if (inClass(token, char)) (add(next, state + 2), (alive = true));
          break;
        case 'star':
          if (char !== '/') (add(next, state), (alive = true));
          break;
        case 'anything':
          add(next, state);
          alive = true;
          break;
        case 'folders':
          // An empty folder name is no folder: the run starts with a character other than '/'.
          if (char !== '/') (add(next, state + 1), (alive = true));
          break;
      }
    }
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[accept] === 1;
}
