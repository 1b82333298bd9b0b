/** command-in-loop through helpers of other files: a loop calling, per item, a project function or method that sends a command. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

interface Source {
  path: string;
  text: string;
}

function loopFindings(sources: Source[], path: string, language: SourceLanguage) {
  const workspace = buildWorkspaceIndex(parsers, sources);
  const file = sources.find((s) => s.path === path)!;
  return reviewSource(parsers, file.text, { path, language, workspace }).findings.filter((f) => f.ruleId === 'command-in-loop');
}

const PY_MANAGER = {
  path: 'managers/redis_mgr.py',
  text: 'import redis.asyncio as redis\n\n\nclass RedisManager:\n    def __init__(self, url):\n        self.redis_client = redis.from_url(url)\n\n    async def get_user_data(self, user_key):\n        return await self.redis_client.hgetall(user_key)\n',
};

const TS_SERVICE = {
  path: 'src/shared/cache.service.ts',
  text: "import Redis from 'ioredis';\n\nexport class CacheService {\n  constructor(private readonly redis: Redis) {}\n\n  async getObject<T>(key: string): Promise<T> {\n    const data = await this.redis.get(key);\n    return JSON.parse(data as string);\n  }\n}\n",
};

describe('command-in-loop through helpers of other files', () => {
  it('reports an awaited method of a project class, called per item on an instance the file creates', () => {
    const handler = {
      path: 'handlers/admin.py',
      text: 'from managers.redis_mgr import RedisManager\n\nredis_manager = RedisManager("redis://localhost")\n\n\nasync def results(user_keys):\n    out = []\n    for key in user_keys:\n        out.append(await redis_manager.get_user_data(key))\n    return out\n',
    };
    const findings = loopFindings([PY_MANAGER, handler], handler.path, 'python');
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([9]);
    expect(findings[0].confidence).toBe('likely');
    expect(findings[0].message).toContain('RedisManager.get_user_data() sends HGETALL');
    expect(findings[0].evidence).toContain('managers/redis_mgr.py');
  });

  it('reports a method of an injected service whose parameter is typed with the class (generic call included)', () => {
    const controller = {
      path: 'src/online/online.controller.ts',
      text: "import { CacheService } from '../shared/cache.service';\n\nexport class OnlineController {\n  constructor(private readonly cacheService: CacheService) {}\n\n  async list(keys: string[]) {\n    const out = [];\n    for (const key of keys) {\n      out.push(await this.cacheService.getObject<string>(key));\n    }\n    return out;\n  }\n}\n",
    };
    const findings = loopFindings([TS_SERVICE, controller], controller.path, 'typescript');
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([9]);
    expect(findings[0].message).toContain('CacheService.getObject() sends GET');
  });

  it('reports an imported module function called per item', () => {
    const store = { path: 'app/store.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef load_session(sid):\n    return r.get(f"session:{sid}")\n' };
    const view = { path: 'app/views.py', text: 'from app.store import load_session\n\n\ndef sessions(ids):\n    return [load_session(i) for i in ids]\n' };
    expect(loopFindings([store, view], view.path, 'python').map((f) => f.span.start.line + 1)).toEqual([5]);
  });

  it('stays quiet when the receiver is not tied to the class, the call is not awaited, or the loop is a short literal', () => {
    const unrelated = {
      path: 'handlers/other.py',
      text: 'from managers.redis_mgr import RedisManager\n\n\nasync def results(store, user_keys):\n    for key in user_keys:\n        await store.get_user_data(key)\n    for key in ["a", "b"]:\n        await RedisManager("x").get_user_data(key)\n',
    };
    expect(loopFindings([PY_MANAGER, unrelated], unrelated.path, 'python')).toEqual([]);
    const notAwaited = {
      path: 'src/online/sync.ts',
      text: "import { CacheService } from '../shared/cache.service';\n\nexport function warm(cacheService: CacheService, keys: string[]) {\n  for (const key of keys) cacheService.getObject(key);\n}\n",
    };
    expect(loopFindings([TS_SERVICE, notAwaited], notAwaited.path, 'typescript')).toEqual([]);
  });

  it('does not report a same-named function the file does not import from the helper module', () => {
    const store = { path: 'app/store.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef load_session(sid):\n    return r.get(f"session:{sid}")\n' };
    const other = { path: 'app/files.py', text: 'import redis\n\n\ndef load_session(path):\n    return open(path).read()\n\n\ndef all_sessions(paths):\n    return [load_session(p) for p in paths]\n' };
    expect(loopFindings([store, other], other.path, 'python')).toEqual([]);
  });
});
