/** command-in-loop over a list the function starts empty and fills with a few single appends before the loop. */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop: a list of a few appended items', () => {
  it('does not report a loop over up to three items appended one by one, under ifs, in Python and TS', () => {
    const limits = [
      'def check(prefix, ip, user):',
      '    to_limit = []',
      '    if ip:',
      '        to_limit.append("rl:{}@{}".format(prefix, ip))',
      '    if user:',
      '        to_limit.append(',
      '            "rl:{}.{}".format(prefix, user)',
      '        )',
      '    for key in to_limit:',
      '        if r.incr(key) > 10:',
      '            return False',
      '    return True',
      '',
    ].join('\n');
    expect(py(limits)).toEqual([]);
    expect(ts('export async function check(ip?: string, user?: string) {\n  const keys: string[] = [];\n  if (ip) keys.push(`rl:${ip}`);\n  if (user) keys.push(`rl:${user}`);\n  for (const key of keys) await redis.incr(key);\n}\n')).toEqual([]);
  });

  it('still reports a list filled in a loop (also async for), extended by a collection, handed elsewhere, or of many appends', () => {
    expect(py('def check(ids):\n    keys = []\n    for i in ids:\n        keys.append(f"k:{i}")\n    for key in keys:\n        r.incr(key)\n')).toEqual([11]);
    expect(py('def check(ids, extra):\n    keys = []\n    keys.append("a")\n    keys.extend(extra)\n    for key in keys:\n        r.incr(key)\n')).toEqual([11]);
    expect(py('def check(a, b):\n    keys = []\n    keys.append(a)\n    load_more(keys)\n    for key in keys:\n        r.incr(key)\n')).toEqual([11]);
    expect(py('async def check(r2):\n    keys = []\n    async for key in r2.scan_iter("t:*"):\n        keys.append(key)\n    for key in keys:\n        r.lrange(key, 0, -1)\n')).toEqual([11]);
    expect(py('def check(a, b, c, d):\n    keys = []\n    keys.append(a)\n    keys.append(b)\n    keys.append(c)\n    keys.append(d)\n    for key in keys:\n        r.incr(key)\n')).toEqual([13]);
  });
});
