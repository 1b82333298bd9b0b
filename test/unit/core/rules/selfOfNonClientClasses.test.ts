/** A bare self/this is judged a Redis client by the commands it runs elsewhere only in a class that extends a client. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const rules = (text: string) => reviewSource(parsers, text, { path: 'app/models/link.py', language: 'python' }).findings.map((f) => `${f.ruleId}@${f.span.start.line + 1}`);

describe('self of a class that is no Redis client', () => {
  it("does not take a model's save() for SAVE because another of its methods is named like a command", () => {
    const model = [
      '# Links, cached in Redis.',
      'from orm import Model',
      'from app.cache import cache',
      '',
      '',
      'class Link(Model):',
      '    def report(self, user):',
      '        cache.delete(f"link:{self.id}")',
      '        self.incr("reported", 1)',
      '',
      '    def commit(self):',
      '        self.save()',
      '',
    ].join('\n');
    expect(rules(model).filter((f) => f.startsWith('admin-command-in-app'))).toEqual([]);
  });

  it('still reports SAVE on self in a class that extends the Redis client, also under an alias', () => {
    const store = [
      'import redis',
      '',
      '',
      'class Store(redis.Redis):',
      '    def bump(self, name):',
      '        self.incr(name)',
      '',
      '    def snapshot(self):',
      '        self.save()',
      '',
    ].join('\n');
    expect(rules(store)).toContain('admin-command-in-app@9');
    const aliased = store.replace('import redis', 'from redis import Redis as BaseRedis').replace('class Store(redis.Redis):', 'class Store(BaseRedis):');
    expect(rules(aliased)).toContain('admin-command-in-app@9');
  });
});
