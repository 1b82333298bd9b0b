/** unbounded-collection-read on Lua scripts that loop a SCAN-family command to the end inside one call. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { wholeScanIn } from '../../../../src/core/rules/support/luaWholeScans';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function wholeReadLines(path: string, text: string): number[] {
  const language = path.endsWith('.py') ? 'python' : 'javascript';
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

describe('Lua scripts that scan a collection to the end', () => {
  it('reports register_script of a script that repeats SSCAN until the cursor is 0, once for a script registered twice', () => {
    const text = `import redis

r = redis.Redis()

ALL_MEMBERS = """
local cursor = 0
local out = {}
repeat
  local page = redis.call('SSCAN', KEYS[1], cursor, 'COUNT', 100)
  cursor = tonumber(page[1])
  for _, m in ipairs(page[2]) do table.insert(out, m) end
until cursor == 0
return out
"""

members = r.register_script(ALL_MEMBERS)
again = r.register_script(ALL_MEMBERS)
`;
    expect(wholeReadLines('app/members.py', text)).toEqual([16]);
  });

  it('reports an ioredis command whose script HSCANs while the cursor is not "0"', () => {
    const text = `const Redis = require('ioredis');
const redis = new Redis();
redis.on('error', console.error);

redis.defineCommand('allFields', {
  numberOfKeys: 1,
  lua: \`
local cursor = "0"
local out = {}
while true do
  local page = redis.call("HSCAN", KEYS[1], cursor)
  cursor = page[1]
  if cursor == "0" then break end
end
local c = "0"
repeat
  local step = redis.call("HSCAN", KEYS[1], c)
  c = step[1]
until c == "0"
return out\`,
});
`;
    expect(wholeReadLines('src/fields.js', text)).toEqual([5]);
  });

  it('does not report one SCAN step per call, a loop that stops at a count, nor a loop that breaks out', () => {
    expect(wholeScanIn("local page = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', 100)\nreturn page")).toBeUndefined();
    expect(wholeScanIn("local c = 0\nlocal n = 0\nrepeat\n  local p = redis.call('ZSCAN', KEYS[1], c)\n  c = tonumber(p[1])\n  n = n + #p[2]\nuntil c == 0 or n >= 500\nreturn n")).toBeUndefined();
    expect(wholeScanIn("local c = '0'\nwhile c ~= '0' do\n  local p = redis.call('SSCAN', KEYS[1], c)\n  if #p[2] > 0 then break end\n  c = p[1]\nend")).toBeUndefined();
    expect(wholeScanIn("repeat\n  local p = redis.call('HSCAN', KEYS[1], cur)\n  cur = tonumber(p[1])\nuntil cur == 0")).toEqual({ command: 'HSCAN', key: 'KEYS[1]' });
  });
});
