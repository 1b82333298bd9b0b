/**
 * command-in-loop on a loop over a table the module writes out as a literal and never changes (whatever its
 * name): its rounds are fixed by the code. A module-level list the code appends to, or a table filled at run
 * time, still makes a loop over items.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(text: string, path = 'bot/messages.py'): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const lines = (...rows: string[]) => rows.join('\n') + '\n';

describe('command-in-loop: loops over a literal table of the module', () => {
  it('does not report writing out a dict of messages the module defines', () => {
    const text = lines('import redis', '', 'texts = {', '    "start": "Hello",', '    "help": "Ask me",', '    "stop": "Bye",', '    "sunday": "No classes",', '}', '', '', 'def load():', '    r = redis.Redis()', '    for name in texts.keys():', '        r.set(name, texts[name])');
    expect(loopLines(text)).toEqual([]);
  });

  it('reports a loop over a module list the code appends to, or a table filled at run time', () => {
    const appended = lines('import redis', '', 'r = redis.Redis()', 'seen = []', '', '', 'def remember(x):', '    seen.append(x)', '', '', 'def flush():', '    for x in seen:', '        r.sadd("seen", x)');
    expect(loopLines(appended)).toEqual([13]);
    const filled = lines("import Redis from 'ioredis';", 'const redis = new Redis();', "redis.on('error', console.error);", 'const scores = {};', '', 'export function add(id: string, s: number) {', '  scores[id] = s;', '}', '', 'export async function save() {', '  for (const id of Object.keys(scores)) {', "    await redis.zadd('scores', scores[id], id);", '  }', '}');
    expect(loopLines(filled, 'src/scores.ts')).toEqual([12]);
    const shadowed = lines('import redis', '', 'r = redis.Redis()', 'names = {"a": 1, "b": 2, "c": 3, "d": 4}', '', '', 'def profiles(names):', '    return [r.hgetall(f"p:{n}") for n in names]');
    expect(loopLines(shadowed)).toEqual([8]);
    const empty = lines('import redis', '', 'r = redis.Redis()', 'pending = {}', '', '', 'def flush():', '    for key in pending:', '        r.delete(key)');
    expect(loopLines(empty)).toEqual([9]);
    const comprehension = lines('import redis', '', 'r = redis.Redis()', 'keys = [k for k in r.scan_iter() if k.endswith(b"_parsed")]', '', 'for key in keys:', '    r.delete(key)');
    expect(loopLines(comprehension, 'tools/flush.py')).toEqual([7]);
  });
});
