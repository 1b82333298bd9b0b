/** WorkspaceIndex.luaScript: how a path a source file builds finds the Lua file's text. */
import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../../src/core/analysis/workspaceIndex';

const index = WorkspaceIndex.fromSummaries([], [
  { path: 'lua/expand.lua', text: 'expand' },
  { path: 'app/scripts/claim.lua', text: 'claim' },
  { path: 'svc/a/lua/same.lua', text: 'a' },
  { path: 'svc/b/lua/same.lua', text: 'b' },
]);

describe('WorkspaceIndex.luaScript', () => {
  it('resolves relative to the folder of the loading file, then from the project root', () => {
    expect(index.luaScript('app/tags.py', '../lua/expand.lua')).toBe('expand');
    expect(index.luaScript('app/tags.py', 'scripts/claim.lua')).toBe('claim');
    expect(index.luaScript('app/deep/x.py', 'lua/expand.lua')).toBe('expand');
    expect(index.luaScript('app\\tags.py', './scripts/claim.lua')).toBe('claim');
  });

  it('takes a package resource path by its unique ending, never an ambiguous one or a non-Lua file', () => {
    expect(index.luaScript('main.py', 'app/scripts/claim.lua')).toBe('claim');
    expect(index.luaScript('other/x.py', 'scripts/claim.lua')).toBe('claim');
    expect(index.luaScript('main.py', 'lua/same.lua')).toBeUndefined();
    expect(index.luaScript('svc/a/x.py', 'lua/same.lua')).toBe('a');
    expect(index.luaScript('app/tags.py', '../lua/expand.py')).toBeUndefined();
  });

  it('changes its generation when a script changes, and forgets removed scripts', () => {
    const copy = WorkspaceIndex.fromSummaries([], index.luaScripts());
    const before = copy.generation;
    copy.updateLuaScript('lua/expand.lua', 'new');
    expect(copy.generation).toBeGreaterThan(before);
    expect(copy.luaScript('app/tags.py', '../lua/expand.lua')).toBe('new');
    copy.removeLuaScript('lua/expand.lua');
    expect(copy.luaScript('app/tags.py', '../lua/expand.lua')).toBeUndefined();
  });
});
