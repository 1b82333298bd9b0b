/** lua-undeclared-keys: scripts registered with redis-py's register_script on a client the file receives as a parameter. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function luaLines(text: string): number[] {
  const result = reviewSource(parsers, text, { path: 'mutex/__init__.py', language: 'python' });
  return result.findings.filter((f) => f.ruleId === 'lua-undeclared-keys').map((f) => f.span.start.line + 1);
}

// A lock library that never imports redis: the client comes in through the constructor and a classmethod.
const LIBRARY = (script: string) => `CLEAR_SCRIPT = """
${script}
"""
RELEASE_SCRIPT = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""

clear_script = None


class Mutex:
    release_script = None
    clear_script = None

    def __init__(self, client, name):
        self._client = client
        self._name = name
        self.register(client)

    @classmethod
    def register(cls, client):
        global clear_script
        cls.release_script = client.register_script(RELEASE_SCRIPT)
        cls.clear_script = client.register_script(CLEAR_SCRIPT)
        clear_script = client.register_script(CLEAR_SCRIPT)

    def acquire(self, token):
        return self._client.set(self._name, token, nx=True, px=30000)

    def held(self):
        return self._client.exists(self._name)
`;

describe('register_script on a client received as a parameter', () => {
  it('reviews the script named by a module constant, once even when registered twice', () => {
    const text = LIBRARY(`for _, name in ipairs(redis.call("keys", "mutex:*")) do
    redis.call("del", "mutex-signal:" .. name)
end`);
    expect(luaLines(text)).toEqual([29]);
  });

  it('stays quiet when every key comes from KEYS', () => {
    expect(luaLines(LIBRARY('return redis.call("del", KEYS[1], KEYS[2])'))).toEqual([]);
  });
});
