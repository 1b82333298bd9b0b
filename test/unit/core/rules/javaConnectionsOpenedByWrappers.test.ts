/**
 * Java: a project wrapper's connect method (`redis.redisConnect()`) whose result the caller uses as a Lettuce
 * connection (`.sync()`), called in an ordinary method: a new connection for every call, and, when the caller never
 * closes it, a leaked one.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function source(body: string): string {
  return javaClassSource(
    {
      imports: ['import io.lettuce.core.api.sync.RedisCommands;', 'import client.Command;', 'import client.Redis;'],
      declaration: 'public class WindowLimiter',
      fields: ['    private final Redis redis;', '    private Command shared;'],
    },
    body,
  );
}

const CONNECT_PER_CALL = [
  '    public boolean limit(String key) {',
  '        Command command = redis.redisConnect();',
  '        RedisCommands<String, String> r = command.sync();',
  '        return r.incr(key) <= 10;',
  '    }',
].join('\n');

describe('Java connections opened through a project wrapper', () => {
  it('are reported as a connection per call, never closed', () => {
    const text = source(CONNECT_PER_CALL);
    expect(findingLines('client-per-request', text)).toEqual([12]);
    expect(findingLines('connection-not-returned', text)).toEqual([12]);
  });

  it('are not reported as leaked when the method closes them', () => {
    const body = CONNECT_PER_CALL.replace('        return r.incr(key) <= 10;', '        long n = r.incr(key);\n        command.close();\n        return n <= 10;');
    const text = source(body);
    expect(findingLines('client-per-request', text)).toEqual([12]);
    expect(findingLines('connection-not-returned', text)).toEqual([]);
  });

  it('are not reported when opened once in a constructor, fetched with a getter, or not used as a Lettuce connection', () => {
    const body = [
      '    public WindowLimiter(Redis redis) {',
      '        this.redis = redis;',
      '        shared = redis.redisConnect();',
      '    }',
      '',
      '    public long count(String key) {',
      '        Command command = redis.getConnection();',
      '        return command.sync().incr(key);',
      '    }',
      '',
      '    public void notify(String room) {',
      '        Session session = chat.connect(room);',
      '        session.send("hello");',
      '    }',
    ].join('\n');
    const text = source(body);
    expect(findingLines('client-per-request', text)).toEqual([]);
    expect(findingLines('connection-not-returned', text)).toEqual([]);
  });
});
