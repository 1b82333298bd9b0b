/** Project wrappers that name Spring's operations after their type (`setMembers`, `sIntersectAndStore`, `hEntries`, `zRangeByScore`). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(body: string): [string, string][] {
  const text = `package app;\n\nimport app.util.RedisUtil;\n\npublic class Rooms {\n    private RedisUtil redisUtil;\n\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Rooms.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.map((f) => [f.ruleId, text.slice(f.span.startOffset, f.span.endOffset)] as [string, string]).sort();
}

describe('Java wrapper methods named by type prefix', () => {
  it('read as the operation of that type', () => {
    const body = [
      '    public Object members(String room) {',
      '        return redisUtil.setMembers("room:" + room);',
      '    }',
      '',
      '    public Object common(String a, String b) {',
      '        return redisUtil.sIntersectAndStore("room:" + a, "room:" + b, "common:" + a);',
      '    }',
      '',
      '    public Object all(String room) {',
      '        return redisUtil.hEntries("room:" + room + ":meta");',
      '    }',
      '',
    ].join('\n');
    expect(findings(body)).toEqual([
      ['big-set-algebra', 'sIntersectAndStore'],
      ['unbounded-collection-read', 'hEntries'],
      ['unbounded-collection-read', 'setMembers'],
    ]);
  });

  it('not names whose rest is no operation of the type, nor lower-case words that start with the prefix letter', () => {
    const body = [
      '    public Object other(String room) {',
      '        redisUtil.setExpireAt("room:" + room, 10);',
      '        redisUtil.hasKey("room:" + room);',
      '        return redisUtil.lock("room:" + room);',
      '    }',
      '',
    ].join('\n');
    expect(findings(body)).toEqual([]);
  });
});
