/**
 * unbounded-collection-read on collections that only the project's seeding or maintenance scripts fill (keywords,
 * authored content): the application reads what an operator loaded, its own events do not grow it.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

const APP_READER = {
  path: 'src/params.ts',
  text: `${TS_CLIENT}
export async function stopWords() {
  return redis.lrange('stop-words', 0, -1);
}
`,
};

const SEED_SCRIPT = {
  path: 'scripts/seed_stop_words.ts',
  text: `${TS_CLIENT}
const WORDS = ['stop', 'quit', 'unsubscribe'];
redis.lpush('stop-words', ...WORDS).then(() => redis.quit());
`,
};

describe('unbounded-collection-read on collections only scripts fill', () => {
  it('leaves out a list the application only reads and a seed script fills', () => {
    expect(wholeReadLines([APP_READER, SEED_SCRIPT], 0)).toEqual([]);
  });

  it('still reports it when application code pushes to it too', () => {
    const adder = { path: 'src/admin.ts', text: `${TS_CLIENT}\nexport async function addStopWord(word: string) {\n  await redis.lpush('stop-words', word);\n}\n` };
    expect(wholeReadLines([APP_READER, SEED_SCRIPT, adder], 0)).toEqual([6]);
  });

  it('still reports a list the reading file fills itself', () => {
    const text = `${TS_CLIENT}
export async function register(id: string) {
  await redis.lpush('user-ids', id);
}

export async function everyone() {
  return redis.lrange('user-ids', 0, -1);
}
`;
    const backfill = { path: 'scripts/backfill_users.ts', text: `${TS_CLIENT}\nredis.lpush('user-ids', 'a', 'b');\n` };
    expect(wholeReadLines([{ path: 'src/users.ts', text }, backfill], 0)).toEqual([10]);
  });

  it('still reports a collection whose name says it gathers per event, whoever fills it', () => {
    const reader = { path: 'src/feed.ts', text: `${TS_CLIENT}\nexport async function feed(user: string) {\n  return redis.lrange(\`feed:\${user}\`, 0, -1);\n}\n` };
    const importer = { path: 'scripts/import_feed.ts', text: `${TS_CLIENT}\nexport async function load(user: string, post: string) {\n  await redis.rpush(\`feed:\${user}\`, post);\n}\n` };
    expect(wholeReadLines([reader, importer], 0)).toEqual([6]);
  });

  it('leaves out a Python set that only a data migration fills', () => {
    const reader = { path: 'shop/categories.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef categories():\n    return r.smembers("categories")\n' };
    const migration = { path: 'shop/migrations/0002_seed_categories.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef seed():\n    r.sadd("categories", "books", "games", "music")\n' };
    expect(wholeReadLines([reader, migration], 0)).toEqual([]);
  });

  it('still reports the Python set when an application module adds to it', () => {
    const reader = { path: 'shop/categories.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef categories():\n    return r.smembers("categories")\n' };
    const admin = { path: 'shop/admin_views.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef add_category(name):\n    r.sadd("categories", name)\n' };
    expect(wholeReadLines([reader, admin], 0)).toEqual([7]);
  });

  describe('keys named by a constant of the project\'s constants module', () => {
    const JS_CLIENT = "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.on('error', console.error);\n";
    const reader = {
      path: 'src/params.js',
      text: `${JS_CLIENT}const { STOP_WORDS } = require('./constants');

async function stopWords() {
  return redis.lrange(STOP_WORDS, 0, -1);
}
module.exports = { stopWords };
`,
    };
    const seed = { path: 'scripts/seed_stop_words.js', text: `${JS_CLIENT}const { STOP_WORDS } = require('../src/constants');\n\nredis.lpush(STOP_WORDS, 'stop', 'quit').then(() => redis.quit());\n` };

    it('leaves out a list that only a seed script fills through the same constant', () => {
      expect(wholeReadLines([reader, seed], 0)).toEqual([]);
    });

    it('still reports it when an application module pushes to the same constant', () => {
      const adder = { path: 'src/admin.js', text: `${JS_CLIENT}const { STOP_WORDS } = require('./constants');\n\nasync function add(word) {\n  await redis.lpush(STOP_WORDS, word);\n}\nmodule.exports = { add };\n` };
      expect(wholeReadLines([reader, seed, adder], 0)).toEqual([7]);
    });

    it('still reports it when no file of the project fills it', () => {
      expect(wholeReadLines([reader], 0)).toEqual([7]);
    });
  });
});
