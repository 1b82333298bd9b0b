/**
 * command-in-loop through a helper whose one command is wrapped in calls that send nothing: builtins and
 * constructors shaping the reply (`float(v)`, `BucketCount(...)`), or the file's own functions without commands
 * (`self._get_buckets()` building the keys). Such a helper, and a function whose only command-sending call is one
 * call of it (`count(name)` summing `self.buckets_counts(name)`), make one round trip per item of a loop. A helper
 * that also calls an imported function, or another of the file's functions that sends commands, is a unit of work.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

const COUNTER =
  'class Counter:\n' +
  '    def __init__(self, redis, prefix):\n' +
  '        self.redis = redis\n' +
  '        self.prefix = prefix\n' +
  '\n' +
  '    def _window(self, now):\n' +
  '        current = int(now) // 60\n' +
  '        return range(current, current - 30, -1)\n' +
  '\n' +
  '    def _key(self, name, bucket):\n' +
  "        return '{}:{}:{}'.format(self.prefix, name, bucket)\n" +
  '\n' +
  '    def series(self, name, now=None):\n' +
  '        now = now or time.time()\n' +
  '        buckets = self._window(now)\n' +
  '        keys = [self._key(name, bucket) for bucket in buckets]\n' +
  '        values = self.redis.mget(keys)\n' +
  '        counts = [0 if v is None else float(v) for v in values]\n' +
  '        points = [Point(b, c) for b, c in zip(buckets, counts)]\n' +
  '        if not points:\n' +
  "            raise ValueError('empty window')\n" +
  '        return points\n' +
  '\n' +
  '    def total(self, name, now=None):\n' +
  '        if not name:\n' +
  "            raise ValueError('name required')\n" +
  '        return sum(\n' +
  '            [\n' +
  '                point.count\n' +
  '                for point in self.series(name, now=now)\n' +
  '            ]\n' +
  '        )\n' +
  '\n';

describe('command-in-loop: helpers that also call functions sending nothing', () => {
  it('reports a loop calling a long helper whose one MGET sits among builtins, constructors and command-free methods', () => {
    const lines = py(COUNTER + '    def all_series(self, names):\n        out = {}\n        for name in names:\n            out[name] = self.series(name)\n        return out\n');
    expect(lines).toEqual([42]);
  });

  it('reports a loop calling a function whose only command-sending call is the iterable of its comprehension', () => {
    const lines = py(COUNTER + '    def totals(self, names):\n        out = {}\n        for name in names:\n            out[name] = self.total(name)\n        return out\n');
    expect(lines).toEqual([42]);
  });

  it('reports a TypeScript helper that parses its reply with the file\'s own function', () => {
    const body =
      'function parseUser(raw: string | null) {\n  if (!raw) return null;\n  const data = JSON.parse(raw);\n  return { id: String(data.id), name: String(data.name), joined: new Date(data.joined) };\n}\n\n' +
      'async function userRecord(id: string) {\n  const raw = await redis.get(`user:${id}`);\n  const user = parseUser(raw);\n  if (!user) {\n    return undefined;\n  }\n  user.name = user.name.trim();\n  return user;\n}\n\n' +
      'export async function users(ids: string[]) {\n  const out = [];\n  for (const id of ids) out.push(await userRecord(id));\n  return out;\n}\n';
    expect(ts(body)).toEqual([23]);
  });

  it('does not take a long helper that also calls an imported function for one round trip', () => {
    const body =
      'from app.locks import acquire_lock\n\n\n' +
      'def refresh(name):\n    if not acquire_lock(name, 30):\n        return None\n    value = r.get(f"entry:{name}")\n    if value is None:\n        return None\n    parsed = value.decode()\n    parsed = parsed.strip()\n    parsed = parsed.lower()\n    parsed = parsed.replace(" ", "-")\n    return parsed\n\n\n' +
      'def refresh_all(names):\n    for name in names:\n        refresh(name)\n';
    expect(py(body)).toEqual([]);
  });

  it('does not take a long helper that calls another command-sending function of the file for one round trip', () => {
    const body =
      'def audit(name):\n    r.lpush("audit", name)\n\n\n' +
      'def rename(name, new):\n    value = r.get(f"entry:{name}")\n    if value is None:\n        return None\n    audit(name)\n    parsed = value.decode()\n    parsed = parsed.strip()\n    parsed = parsed.lower()\n    parsed = parsed.replace(" ", "-")\n    return parsed\n\n\n' +
      'def rename_all(names):\n    for name in names:\n        rename(name, name.upper())\n';
    expect(py(body)).toEqual([]);
  });

  it('does not take a function calling the helper in a loop of its own for a forwarder', () => {
    const lines = py(COUNTER + '    def report(self, names):\n        rows = []\n        for name in names:\n            rows.append(self.series(name))\n        return rows\n\n    def reports(self, groups):\n        for names in groups:\n            self.report(names)\n');
    // The loop of report() is reported; reports() loops over work units, each already a loop of its own.
    expect(lines).toEqual([42]);
  });
});
