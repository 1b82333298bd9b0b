/** redis-py `execute_command` with the arguments formatted into one string: the leading words name the command. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(text: string, rule: string) {
  return reviewSource(parsers, text, { path: 'app/report.py', language: 'python' }).findings.filter((f) => f.ruleId === rule);
}

const HEADER = 'import redis\n\nclient = redis.Redis()\n\n\n';

describe('execute_command with a formatted command string', () => {
  it('reports the first command of the loop body when it is built with str.format', () => {
    const text = HEADER + 'def sizes(names):\n    out = {}\n    for name in names:\n        kind = client.execute_command("type {}".format(name))\n        out[name] = client.execute_command("memory usage {}".format(name))\n    return out\n';
    const loop = findings(text, 'command-in-loop');
    expect(loop.map((f) => f.span.start.line + 1)).toEqual([9]);
    expect(loop[0].message).toContain('TYPE');
    expect(loop[0].message).toContain('MEMORY USAGE');
  });

  it('reads f-strings and %-formatting the same way', () => {
    const text = HEADER + 'def keys_like(prefix):\n    return client.execute_command(f"keys {prefix}*")\n\n\ndef kind(name):\n    return client.execute_command("TYPE %s" % name)\n';
    expect(findings(text, 'keys-command').map((f) => f.span.start.line + 1)).toEqual([7]);
  });

  it('does not guess a command when the command word itself is formatted in', () => {
    const text = HEADER + 'def run(verb, names):\n    for name in names:\n        client.execute_command("{} {}".format(verb, name))\n';
    expect(findings(text, 'command-in-loop')).toEqual([]);
  });
});
