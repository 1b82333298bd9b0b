/** command-in-loop: helpers that answer from an in-process memo they fill themselves make one round trip per key, not per call. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loopFindingLines } from './loopFindingLines';
import { loadParsers } from './parsersForTests';

const { py, ts } = loopFindingLines();

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function workspaceLoopLines(sources: { path: string; text: string }[], path: string, language: SourceLanguage): number[] {
  const workspace = buildWorkspaceIndex(parsers, sources);
  const file = sources.find((s) => s.path === path)!;
  return reviewSource(parsers, file.text, { path, language, workspace })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const ROUTES_TS = {
  path: 'src/registry/routes.ts',
  text: "import { loadRoute } from './lookup';\n\nexport async function describeAll(names: string[]) {\n  const out = [];\n  for (const name of names) {\n    out.push(await loadRoute(name));\n  }\n  return out;\n}\n",
};

describe('command-in-loop and memoized helpers', () => {
  it('does not report an imported helper that returns from a module-level memo before its GET and fills it after', () => {
    const lookup = {
      path: 'src/registry/lookup.ts',
      text: "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\nconst routeMemo: Record<string, string> = {};\n\nexport const loadRoute = async (name: string) => {\n  if (routeMemo[name]) {\n    return routeMemo[name];\n  }\n  const route = (await redis.get(`route:${name}`)) ?? '';\n  routeMemo[name] = route;\n  return route;\n};\n",
    };
    expect(workspaceLoopLines([lookup, ROUTES_TS], ROUTES_TS.path, 'typescript')).toEqual([]);
  });

  it('still reports the same helper when it only reads the memo and never fills it', () => {
    const lookup = {
      path: 'src/registry/lookup.ts',
      text: "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\nconst routeMemo: Record<string, string> = {};\n\nexport const loadRoute = async (name: string) => {\n  if (routeMemo[name]) {\n    return routeMemo[name];\n  }\n  return (await redis.get(`route:${name}`)) ?? '';\n};\n",
    };
    expect(workspaceLoopLines([lookup, ROUTES_TS], ROUTES_TS.path, 'typescript')).toEqual([6]);
  });

  it('does not report a same-file helper memoized in a Map field', () => {
    const lines = ts(
      'class Catalog {\n  private names = new Map<string, string>();\n\n  async nameOf(id: string) {\n    if (this.names.has(id)) return this.names.get(id);\n    const name = await redis.hget(`item:${id}`, "name");\n    this.names.set(id, name ?? "");\n    return name;\n  }\n\n  async label(ids: string[]) {\n    const out = [];\n    for (const id of ids) out.push(await this.nameOf(id));\n    return out;\n  }\n}\n',
    );
    expect(lines).toEqual([]);
  });

  it('does not report a Python helper memoized in a module dict', () => {
    const lines = py('_owners = {}\n\n\ndef owner_of(repo):\n    if repo in _owners:\n        return _owners[repo]\n    owner = r.get(f"owner:{repo}")\n    _owners[repo] = owner\n    return owner\n\n\ndef owners(repos):\n    return [owner_of(x) for x in repos]\n');
    expect(lines).toEqual([]);
  });

  it('reports a helper whose "cache" is the Redis client itself (read, then write back: two round trips)', () => {
    const lines = ts(
      'const cache = redis;\n\nasync function score(id: string) {\n  const hit = await cache.get(`score:${id}`);\n  if (hit) return cache.get(`score:${id}`);\n  const value = String(id.length);\n  await cache.set(`score:${id}`, value);\n  return value;\n}\n\nexport async function scores(ids: string[]) {\n  const out = [];\n  for (const id of ids) out.push(await score(id));\n  return out;\n}\n',
    );
    expect(lines).toEqual([17]);
  });
});
