/** Deterministic randomness and text mutations for the fuzz tests: a fixed seed makes every failure reproducible. */

/** A linear congruential generator: the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

const NOISE = ['(', ')', '{', '}', '[', ']', '"', "'", '`', '${', 'f"{', ':', ';', '\n', '\r\n', '    ', '\t', 'await ', '.keys(', 'redis.', 'new Redis(', 'pipeline()', '#', '//', '/*', '\\', '\u0000', '\uFEFF', '😀', '\u202E', 'é', 'async def ', 'function ', '=>', 'import ', 'from ', ' if ', ' for x in r.scan_iter():\n  '];

/** 1–6 random deletions, insertions of syntax noise, or duplications of a slice of the text itself. */
export function mutateText(text: string, next: () => number): string {
  let out = text;
  const operations = 1 + Math.floor(next() * 6);
  for (let i = 0; i < operations; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const choice = next();
    if (choice < 0.3) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 60));
    else if (choice < 0.65) out = out.slice(0, at) + pick(next, NOISE) + out.slice(at);
    else if (choice < 0.95) {
      const from = Math.floor(next() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(next() * 300)) + out.slice(at);
    } else out = out.slice(0, at) + pick(next, NOISE).repeat(1 + Math.floor(next() * 400)) + out.slice(at);
  }
  return out;
}
