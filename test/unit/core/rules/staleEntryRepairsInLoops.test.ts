/**
 * command-in-loop on removals sent from the handler of a failed lookup inside the loop (Python): forgetting the entry
 * whose record is gone (a scheduled job whose hash expired, a liked user since deleted) is a repair of the rare stale
 * item, not a round trip per item. Other commands of a handler, the `try` body, `finally` and `else`, a handler whose
 * `try` only tests for an entry, and loops inside a handler stay reported.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop: removals of stale entries in an except clause inside the loop', () => {
  it('does not report a ZREM of an entry whose record failed to load', () => {
    expect(py('def load_due(due):\n    entries = {}\n    for key in due:\n        try:\n            entries[key] = Entry.from_key(key)\n        except KeyError:\n            r.zrem("schedule", key)\n            continue\n    return entries\n')).toEqual([]);
  });

  it('does not report an LREM under a second except clause, nor a removing helper called from the handler', () => {
    expect(py('def likers(uids):\n    users = []\n    for uid in uids:\n        try:\n            users.append(User.objects.get(pk=int(uid)))\n        except ValueError:\n            continue\n        except User.DoesNotExist:\n            r.lrem("likes", 0, uid)\n    return users\n')).toEqual([]);
    expect(py('def cancel(job_id):\n    r.zrem("scheduled", job_id)\n\n\ndef due_jobs(ids):\n    for job_id in ids:\n        try:\n            yield fetch_job(job_id)\n        except NoSuchJobError:\n            cancel(job_id)\n')).toEqual([]);
  });

  it('still reports a handler that re-queues or records the failed item: that can happen to every item', () => {
    expect(py('def settle(messages):\n    for msg in messages:\n        try:\n            apply_order(msg)\n        except:\n            r.xadd("orders-failed", msg, maxlen=1000)\n')).toEqual([11]);
    expect(py('def sync(ids):\n    for i in ids:\n        try:\n            push(i)\n        except IOError:\n            r.sadd("failed", i)\n')).toEqual([11]);
  });

  it('still reports a handler whose try only tests for an entry: the ordinary branch of every round that lacks it', () => {
    expect(py('def originals(items):\n    for item in items:\n        try:\n            item["copy_history"]\n        except KeyError:\n            r.hdel("reposts", item["id"])\n')).toEqual([11]);
  });

  it('still reports a removal in the try body, in finally or in else', () => {
    expect(py('def purge(keys):\n    for k in keys:\n        try:\n            r.delete(k)\n        except redis.RedisError:\n            pass\n')).toEqual([9]);
    expect(py('def run(jobs):\n    for job in jobs:\n        try:\n            work(job)\n        finally:\n            r.srem("inflight", job)\n')).toEqual([11]);
    expect(py('def run(jobs):\n    for job in jobs:\n        try:\n            work(job)\n        except ValueError:\n            continue\n        else:\n            r.srem("pending", job)\n')).toEqual([13]);
  });

  it('still reports a loop inside an except clause, and a try around the whole loop', () => {
    expect(py('def reset(keys):\n    try:\n        check()\n    except RuntimeError:\n        for k in keys:\n            r.delete(k)\n')).toEqual([11]);
    expect(py('def load(keys):\n    try:\n        for k in keys:\n            r.hgetall(k)\n    except redis.RedisError:\n        log.exception("load")\n')).toEqual([9]);
  });

  it('still reports a removal in a catch block of a TS loop', () => {
    expect(ts("export async function likers(ids: string[]) {\n  const users = [];\n  for (const id of ids) {\n    try {\n      users.push(await db.user(id));\n    } catch (err) {\n      await redis.lrem('likes', 0, id);\n    }\n  }\n  return users;\n}\n")).toEqual([11]);
  });
});
