/**
 * admin-command-in-app on `save(...)` calls: SAVE takes no arguments in any client, so a `save(pipeline)` or
 * `save(full, force)` saves the object it is called on (an ORM model, an entity), even when that object also has
 * methods named like Redis commands (`q.expire(60)`). Tricky negatives, still reported: SAVE and BGSAVE on a client,
 * and a node-redis v3 SAVE given only its callback.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('admin-command-in-app on save() of models', () => {
  it('leaves out a redis-om model saved onto a pipeline, and an entity saved with flags (redis-py)', () => {
    const text = `import redis
from redis_om import JsonModel

r = redis.Redis()


class Question(JsonModel):
    text: str


def store(text, pipeline=None):
    q = Question(text=text)
    q.save(pipeline)
    q.expire(60, pipeline=pipeline)


def flush(entities, full=False, force=False):
    for entity in entities:
        entity.save(full, force)
        entity.expire(3600)
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'app/questions.py', text })).toEqual([]);
  });

  it('still reports SAVE and BGSAVE on a client and a SAVE given only its callback', () => {
    const py = `import redis

r = redis.Redis()


def snapshot():
    r.save()


def snapshot_later():
    r.bgsave()
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'app/snapshots.py', text: py })).toEqual([7, 11]);
    const js = `const redis = require('redis');
const client = redis.createClient();
client.on('error', console.error);

function snapshot(done) {
  client.save(done);
}

function snapshotNow() {
  client.save((err) => console.log(err));
}

module.exports = { snapshot, snapshotNow };
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'src/snapshots.js', text: js })).toEqual([6, 10]);
  });
});
