/** Commands recognised by how they are sent: raw commands given by name, and Celery's result backend key-value methods. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(path: string, text: string): string[] {
  return reviewSource(parsers, text, { path, language: languageForPath(path)! }).findings.map((f) => `${f.span.start.line + 1} ${f.ruleId}`);
}

describe('raw commands sent by name', () => {
  it('reports KEYS given to execute_command on a client handed out by a pool map', () => {
    const text = [
      'import redis',
      '',
      'class Stores:',
      '    def __init__(self):',
      '        self._by_name = {}',
      '',
      '    def _get_connection(self, name):',
      '        if name not in self._by_name:',
      '            self._by_name[name] = redis.Redis(host="cache")',
      '        return self._by_name[name]',
      '',
      '    def stale(self, name):',
      '        return self._get_connection(name).execute_command("KEYS", "stale")',
      '',
    ].join('\n');
    expect(findings('app/stores.py', text)).toEqual(['13 keys-command']);
  });

  it('reports KEYS and CONFIG SET through sendCommand of a wrapper\'s client', () => {
    const text = [
      "const { createClient } = require('redis');",
      'class Admin {',
      '  constructor() {',
      "    this.conn = createClient();",
      '  }',
      '  async all(kv) {',
      "    await kv.sendCommand(['CONFIG', 'SET', 'maxmemory', '1gb']);",
      "    return kv.sendCommand(['KEYS', 'job']);",
      '  }',
      '}',
      '',
    ].join('\n');
    expect(findings('src/admin.js', text).filter((f) => !f.endsWith('missing-error-listener'))).toEqual(['7 admin-command-in-app', '8 keys-command']);
  });

  it('leaves Function.prototype.call, SQL executes and files that never use Redis alone', () => {
    const js = "import { createClient } from 'redis';\nconst c = createClient();\nc.on('error', console.error);\nexport function run(fn: (w: string) => void) {\n  fn.call(null, 'KEYS');\n  return Object.keys({ a: 1 });\n}\n";
    expect(findings('src/run.ts', js)).toEqual([]);
    const py = 'import sqlite3\n\n\ndef run(db):\n    db.execute_command("KEYS", "*")\n    return {}.keys()\n';
    expect(findings('app/run.py', py)).toEqual([]);
  });
});

describe("Celery's result backend as a key-value store", () => {
  const task = [
    'from celery import Celery',
    '',
    'app = Celery("jobs", backend="redis://cache:6379/0")',
    '',
    '',
    '@app.task',
    'def rebuild(item):',
    '    lock_key = f"rebuild-lock:{item}"',
    '    if app.backend.client.set(lock_key, 1, nx=True, ex=600):',
    '        try:',
    '            pass',
    '        finally:',
    '            app.backend.delete(lock_key)',
    '',
  ].join('\n');

  it('reports the release of a SET NX lock through backend.delete', () => {
    expect(findings('jobs/tasks.py', task)).toEqual(['13 lock-release-without-ownership']);
  });

  it('takes backend.client in the same file as the sign of a Redis backend, in a file that never names Redis', () => {
    const single = [
      'from celery import Task',
      '',
      '',
      'class Singleton(Task):',
      '    def acquire_lock(self, lock, task_id):',
      '        return self.app.backend.client.setnx(lock, task_id)',
      '',
      '    def release_lock(self, lock):',
      '        self.app.backend.delete(lock)',
      '',
    ].join('\n');
    expect(findings('tasks/singleton.py', single)).toEqual(['6 lock-without-expiry', '9 lock-release-without-ownership']);
    // With no sign of Redis at all the backend may be a database or RPC: its delete() is left alone.
    const unknown = 'from celery import Task\n\n\nclass Cleanup(Task):\n    def after_return(self, status, retval, task_id, args, kwargs, einfo):\n        self.app.backend.delete(f"lock-{task_id}")\n';
    expect(findings('tasks/cleanup.py', unknown)).toEqual([]);
  });

  it('needs Celery: a backend attribute of anything else is not the result backend', () => {
    const plain = task.replace('from celery import Celery', 'from myqueue import Celery').replace('app.backend.client.set', 'app.cache.set');
    expect(findings('jobs/tasks.py', plain)).toEqual([]);
  });
});
