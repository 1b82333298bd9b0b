/**
 * client-per-request on a function that creates its own client and uses it in a loop over the items at hand: the
 * loop ends before the function returns, so the client is still one per call. Workers (a while loop, a for over
 * a subscription's messages) keep their client for as long as they run and stay unreported.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function perCallLines(text: string): number[] {
  return findingLines.inFile('client-per-request', { path: 'bot/store.py', text: text });
}

describe('client-per-request: a client of its own used in a loop over the items at hand', () => {
  it('reports a with-block client whose commands run in a for over a few groups or a scan', () => {
    expect(perCallLines('import redis\n\n\ndef subscriptions(user_id):\n    with redis.Redis(db=3) as db:\n        return [db.hexists(f"vk{i}", user_id) for i in range(1, 4)]\n')).toEqual([5]);
    expect(perCallLines('import redis\n\n\ndef forget(user_id):\n    with redis.Redis(db=3) as db:\n        for key in db.scan_iter("vk*"):\n            db.hdel(key, user_id)\n')).toEqual([5]);
  });

  it('does not report a worker whose client serves a while loop or the messages of a subscription', () => {
    expect(perCallLines('import redis\n\n\ndef work(stop):\n    r = redis.Redis()\n    while not stop.is_set():\n        for job in r.lrange("jobs", 0, 9):\n            r.lrem("jobs", 1, job)\n')).toEqual([]);
    expect(perCallLines('import redis\n\n\ndef listen(channel):\n    r = redis.Redis()\n    p = r.pubsub()\n    p.subscribe(channel)\n    for message in p.listen():\n        r.incr("seen")\n')).toEqual([]);
  });
});

describe("client-per-request: django-redis's get_redis_connection", () => {
  it("does not report get_redis_connection('default') imported from django_redis: it returns the cache's client", () => {
    expect(perCallLines("from django_redis import get_redis_connection\n\n\ndef drop(key):\n    conn = get_redis_connection('default')\n    conn.delete(key)\n")).toEqual([]);
  });

  it('still reports a redis.Redis a function of a django-redis file creates for itself', () => {
    expect(perCallLines("import redis\nfrom django_redis import get_redis_connection\n\n\ndef drop(key):\n    conn = redis.Redis(host='cache')\n    conn.delete(key)\n")).toEqual([6]);
  });
});
