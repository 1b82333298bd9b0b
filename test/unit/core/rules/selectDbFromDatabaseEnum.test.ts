/** select-db of a client whose db= is a member of a class of another module that numbers the project's databases. */
import { describe, expect, it } from 'vitest';
import { databaseSettingsIn } from '../../../../src/core/analysis/databaseSettings';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const DATABASES = {
  path: 'app/utils/redis_db.py',
  text: `"""One numbered database per concern."""

from enum import IntEnum


class RedisDB(IntEnum):
    """The integer value is the database number."""

    BROKER = 0  # Celery broker
    RESULTS = 2
    APP_CACHE = 4


class Limits:
    MAX_KEYS = 7
`,
};

const client = (member: string) => ({
  path: 'app/utils/redis_client.py',
  text: `import os

from redis import Redis

from app.utils.redis_db import RedisDB, Limits

client = Redis(host=os.getenv("REDIS_HOST", "localhost"), db=int(${member}))
`,
});

describe('select-db through a class that numbers the databases', () => {
  it('records the numbered members of a class named for databases, not of other classes', () => {
    expect(databaseSettingsIn(DATABASES.text)).toEqual({ 'RedisDB.BROKER': 0, 'RedisDB.RESULTS': 2, 'RedisDB.APP_CACHE': 4 });
  });

  it('reports a client on the database a member of that class numbers', () => {
    expect(findingLines.inWorkspace('select-db', [DATABASES, client('RedisDB.APP_CACHE')], 1)).toEqual([7]);
  });

  it('leaves out a member numbering database 0 and a member of a class not named for databases', () => {
    expect(findingLines.inWorkspace('select-db', [DATABASES, client('RedisDB.BROKER')], 1)).toEqual([]);
    expect(findingLines.inWorkspace('select-db', [DATABASES, client('Limits.MAX_KEYS')], 1)).toEqual([]);
  });
});
