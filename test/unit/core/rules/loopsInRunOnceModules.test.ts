/**
 * command-in-loop in modules named for start-up, migration or seeding: their loops run once per deployment, so the
 * same loop is reported only where it serves requests, and a name that merely contains such a word still counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(path: string, text: string): number[] {
  return reviewSource(parsers, text, { path, language: path.endsWith('.py') ? 'python' : 'typescript' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const PY = 'import redis\n\nr = redis.Redis()\n\n\ndef clear(names):\n    for name in names:\n        r.delete(f"message:{name}")\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nexport async function load(items: { id: string; name: string }[]) {\n  for (const item of items) await redis.hset(`item:${item.id}`, 'name', item.name);\n}\n";

describe('command-in-loop in run-once modules', () => {
  it('does not report loops of a start-up command, a seed script or a migration', () => {
    expect(loopLines('backend/config/management/commands/app_startup.py', PY)).toEqual([]);
    expect(loopLines('db/seeds/items.ts', TS)).toEqual([]);
    expect(loopLines('scripts/data-seed.ts', TS)).toEqual([]);
    expect(loopLines('app/migrations/0004_backfill_names.py', PY)).toEqual([]);
  });

  it('still reports the same loops in request code and in modules whose name only contains the word', () => {
    expect(loopLines('app/messages.py', PY)).toEqual([8]);
    expect(loopLines('app/startup_times.py', PY)).toEqual([8]);
    expect(loopLines('src/seedling.ts', TS)).toEqual([6]);
  });
});
