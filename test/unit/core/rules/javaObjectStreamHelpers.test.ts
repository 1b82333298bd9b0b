/** unsafe-deserializer in Java: a method of the file that reads its byte[] argument with ObjectInputStream, applied to a Redis reply. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java ObjectInputStream helpers of the file', () => {
  it('reports the helper call on bytes read from Redis, not on bytes from elsewhere', () => {
    const text = javaClassSource(
      {
        imports: ['import java.io.*;', 'import redis.clients.jedis.Jedis;'],
        declaration: 'public class Profiles',
        fields: ['    private Jedis jedis;'],
      },
      [
        '    public Person load(String id) throws Exception {',
        '        byte[] bytes = jedis.get(("person:" + id).getBytes());',
        '        return toPerson(bytes);',
        '    }',
        '',
        '    public Person fromFile(byte[] bytes) throws Exception {',
        '        return toPerson(bytes);',
        '    }',
        '',
        '    private Person toPerson(byte[] bytes) throws Exception {',
        '        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes));',
        '        return (Person) in.readObject();',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unsafe-deserializer', text)).toEqual([11]);
  });
});
