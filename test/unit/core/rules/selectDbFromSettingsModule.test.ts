/** select-db of a client whose db= is a constant of an imported Python settings module of the project. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { databaseSettingsIn, importedModuleOf } from '../../../../src/core/analysis/databaseSettings';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

// A config module that never names Redis: its constants are recorded without an analysis of the file.
const CONFIG = {
  path: 'shop/core/config.py',
  text: `import os

SESSION_TTL = 3600
TOKENS_DB_INDEX = 0
ORDERS_DB_INDEX = 2
QUEUE_DB: int = int(os.getenv("QUEUE_DB", 5))
`,
};

const ORDERS = (constant: string) => ({
  path: 'shop/orders/store.py',
  text: `import redis

from shop.core import config

orders = redis.Redis(host="cache", db=config.${constant})


def order(order_id):
    return orders.hgetall(f"order:{order_id}")
`,
});

const DJANGO_CLIENTS = {
  path: 'accounts/clients.py',
  text: `from django.conf import settings
import redis

codes = redis.Redis(host=settings.REDIS_HOST, db=settings.CODES_DB)
`,
};

function selectDbLines(files: { path: string; text: string }[], file: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [...files, file]);
  const result = reviewSource(parsers, file.text, { path: file.path, language: 'python', workspace });
  return result.findings.filter((f) => f.ruleId === 'select-db').map((f) => f.span.start.line + 1);
}

describe('database numbers of settings modules', () => {
  it('reads top-level constants named for a database: numbers, environment defaults, zeros included', () => {
    expect(databaseSettingsIn(CONFIG.text)).toEqual({ TOKENS_DB_INDEX: 0, ORDERS_DB_INDEX: 2, QUEUE_DB: 5 });
    expect(databaseSettingsIn('REDIS_DB = os.environ.get(Keys.RedisDb, "3")\n    INNER_DB = 4\n')).toEqual({ REDIS_DB: 3 });
  });

  it('finds the module an import binds to a name', () => {
    const text = 'import settings\nfrom shop.core import config, other as cfg\nfrom django.conf import settings as dj\nfrom . import (\n    local,\n)\n';
    expect(importedModuleOf(text, 'settings')).toBe('settings');
    expect(importedModuleOf(text, 'config')).toBe('shop.core.config');
    expect(importedModuleOf(text, 'cfg')).toBe('shop.core.other');
    expect(importedModuleOf(text, 'dj')).toBe('django.conf.settings');
    expect(importedModuleOf(text, 'local')).toBe('.local');
    expect(importedModuleOf(text, 'other')).toBeUndefined();
  });

  it('reports db= of an imported config constant that is a numbered database (a literal or an environment default)', () => {
    expect(selectDbLines([CONFIG], ORDERS('ORDERS_DB_INDEX'))).toEqual([5]);
    expect(selectDbLines([CONFIG], ORDERS('QUEUE_DB'))).toEqual([5]);
  });

  it('stays quiet for a constant that is 0, or that the module does not set', () => {
    expect(selectDbLines([CONFIG], ORDERS('TOKENS_DB_INDEX'))).toEqual([]);
    expect(selectDbLines([CONFIG], ORDERS('MISSING_DB'))).toEqual([]);
  });

  it('reads Django settings from the project settings modules, only when none of them keeps database 0', () => {
    const settings = (path: string, db: string) => ({ path, text: `import os\n\nREDIS_HOST = os.environ.get("REDIS_HOST", "localhost")\nCODES_DB = ${db}\n` });
    expect(selectDbLines([settings('site/settings.py', '1')], DJANGO_CLIENTS)).toEqual([4]);
    expect(selectDbLines([settings('site/settings/base.py', '1'), settings('site/settings/prod.py', '3')], DJANGO_CLIENTS)).toEqual([4]);
    // Tests isolate themselves in database 15 while the app keeps database 0.
    expect(selectDbLines([settings('site/settings/base.py', '0'), settings('site/settings/test.py', '15')], DJANGO_CLIENTS)).toEqual([]);
  });
});
