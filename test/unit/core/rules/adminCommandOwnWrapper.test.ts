/** admin-command-in-app: calls of a class's own wrapper method named like a client command are not the command. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function adminLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/store.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'admin-command-in-app')
    .map((f) => f.span.start.line + 1);
}

describe('admin-command-in-app and a wrapper method of the same name', () => {
  it('reports BGSAVE where the wrapper sends it, not at the calls of the wrapper', () => {
    const text = 'import redis\n\n\nclass Messages:\n    def __init__(self):\n        self.conn = redis.Redis()\n\n    def put(self, key, value, save=False):\n        self.conn.set(key, value)\n        if save:\n            self.bg_save()\n\n    def bg_save(self):\n        self.conn.bgsave()\n';
    expect(adminLines(text)).toEqual([14]);
  });

  it('still reports the command on self of a client subclass that does not define it', () => {
    const text = 'import redis\n\n\nclass Client(redis.Redis):\n    def snapshot(self):\n        self.bgsave()\n';
    expect(adminLines(text)).toEqual([6]);
  });
});
