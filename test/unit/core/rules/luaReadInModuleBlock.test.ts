/**
 * lua-undeclared-keys of a script file read at module level inside a block — a `if __name__ == "__main__":` script,
 * a `try:` around the read — and loaded there with SCRIPT LOAD / register_script.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { WorkspaceIndex } from '../../../../src/core/analysis/workspaceIndex';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const SCRIPTS = WorkspaceIndex.fromSummaries([], [
  { path: 'claim.lua', text: "local owner = redis.call('GET', 'owner:' .. ARGV[1])\nif not owner then redis.call('SET', 'owner:' .. ARGV[1], ARGV[2]) end\nreturn owner\n" },
  { path: 'touch.lua', text: "return redis.call('INCR', KEYS[1])\n" },
]);

function luaLines(text: string): number[] {
  const result = reviewSource(parsers, text, { path: 'load_scripts.py', language: 'python', workspace: SCRIPTS });
  return result.findings.filter((f) => f.ruleId === 'lua-undeclared-keys').map((f) => f.span.start.line + 1);
}

describe('a Lua file read at module level inside a block', () => {
  it('reports SCRIPT LOAD of a script read under the main guard that builds its own keys', () => {
    const text = "import redis\n\nif __name__ == '__main__':\n    claim = open('claim.lua', 'r').read()\n    touch = open('touch.lua').read()\n    r = redis.Redis('cache', 6379)\n    r.script_load(claim)\n    r.script_load(touch)\n";
    expect(luaLines(text)).toEqual([7]);
  });

  it('reports register_script of a script read inside a module-level try block', () => {
    const text = "import redis\n\nr = redis.Redis()\ntry:\n    body = open('claim.lua').read()\n    CLAIM = r.register_script(body)\nexcept OSError:\n    CLAIM = None\n";
    expect(luaLines(text)).toEqual([6]);
  });

  it('does not take a name a function of the file assigns for the module-level one', () => {
    // `claim` under the guard is never assigned there: the function's local of the same name is another variable.
    const text = "import redis\n\n\ndef load():\n    claim = open('claim.lua').read()\n    return claim\n\n\nif __name__ == '__main__':\n    r = redis.Redis()\n    r.script_load(claim)\n";
    expect(luaLines(text)).toEqual([]);
  });
});
