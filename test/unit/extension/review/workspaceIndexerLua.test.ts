/** The editor's workspace index reads the project's `.lua` files, so scripts loaded from them are reviewed as in the CLI. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewSource } from '../../../../src/core/review';
import { WorkspaceIndexer } from '../../../../src/extension/review/workspaceIndexer';
import { loadParsers } from '../../core/rules/parsersForTests';

let root: string;
const SOURCE = 'from pathlib import Path\n\nimport redis\n\nkv = redis.Redis()\nEXPAND = (Path(__file__).parent.parent / "lua" / "expand.lua").read_text()\n\n\ndef expand(prefix):\n    return kv.eval(EXPAND, 0, f"{prefix}:*")\n';

function write(path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-indexer-lua-'));
  write('app/tags.py', SOURCE);
  write('lua/expand.lua', "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('WorkspaceIndexer and Lua script files', () => {
  it('holds the .lua texts it finds while building, and forgets a deleted one', async () => {
    const parsers = await loadParsers();
    const indexer = new WorkspaceIndexer(async () => parsers);
    expect(await indexer.ensureBuilt(root, [])).toBe(true);
    const workspace = indexer.indexFor(root);
    const review = () => reviewSource(parsers, SOURCE, { path: 'app/tags.py', language: 'python', workspace }).findings.filter((f) => f.ruleId === 'lua-undeclared-keys');
    expect(review().map((f) => f.span.start.line + 1)).toEqual([10]);
    await indexer.luaScriptChanged(root, join(root, 'lua/expand.lua'), true);
    expect(review()).toEqual([]);
  });
});
