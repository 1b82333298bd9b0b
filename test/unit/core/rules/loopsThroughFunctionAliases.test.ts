/**
 * command-in-loop through a name the file binds to one of its Redis-issuing functions (`SET_CACHE = set_cache`,
 * also chosen per branch at module level): calling the alias per item is one round trip per item. A name bound to
 * the function's result, or to a function that sends nothing, is not an alias of a helper.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

const CACHE = 'def set_cache(key, value):\n    r.set(key, value)\n\n\n';

describe('command-in-loop: helpers called through an alias', () => {
  it('reports a loop calling a module-level alias of a one-command helper', () => {
    expect(py(CACHE + 'SET_CACHE = set_cache\n\n\ndef fill(keys, value):\n    for key in keys:\n        SET_CACHE(key, value)\n')).toEqual([15]);
  });

  it('reports an alias chosen per branch, one branch binding the helper', () => {
    const body = CACHE + 'def timed_set(key, value):\n    started = time.time()\n    try:\n        return set_cache(key, value)\n    finally:\n        QUERIES.append((key, time.time() - started))\n        log(key)\n        log(value)\n        log(started)\n\n\nif DEBUG:\n    SET_CACHE = timed_set\nelse:\n    SET_CACHE = set_cache\n\n\ndef fill(keys, value):\n    for key in keys:\n        SET_CACHE(key, value)\n';
    expect(py(body)).toEqual([29]);
  });

  it('reports a const alias in TypeScript', () => {
    expect(ts('async function getUser(id: string) {\n  return redis.hgetall(`user:${id}`);\n}\nconst loadUser = getUser;\n\nexport async function all(ids: string[]) {\n  for (const id of ids) await loadUser(id);\n}\n')).toEqual([11]);
  });

  it('does not take a name bound to a call result, or to a function that sends nothing, for an alias', () => {
    expect(py(CACHE + 'def fill(keys, value):\n    setter = make_setter()\n    for key in keys:\n        setter(key, value)\n')).toEqual([]);
    expect(py(CACHE + 'def noop(key, value):\n    return None\n\n\nSET_CACHE = noop\n\n\ndef fill(keys, value):\n    for key in keys:\n        SET_CACHE(key, value)\n')).toEqual([]);
  });
});
