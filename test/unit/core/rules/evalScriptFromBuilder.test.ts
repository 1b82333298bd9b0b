/** eval-dynamic-script of a script that a function of the same file builds from its arguments and returns. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function dynamicLines(text: string, path: string): number[] {
  return findingLines.inFile('eval-dynamic-script', { path, text });
}

describe('a script returned by a builder function of the file', () => {
  it('reports redis-py EVAL of an f-string a helper returns', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef window_script(limit):\n    return f"""\nlocal n = redis.call("INCR", KEYS[1])\nif n > {limit} then return 0 end\nreturn 1\n"""\n\n\ndef allow(key, limit):\n    return r.eval(window_script(limit), 1, key)\n';
    expect(dynamicLines(text, 'app/limits.py')).toEqual([15]);
  });

  it('reports ioredis EVAL of a template literal an arrow function returns', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nconst fieldScript = (field: string) => `return redis.call('HGET', KEYS[1], '${field}')`;\n\nexport async function read(key: string, field: string) {\n  return redis.eval(fieldScript(field), 1, key);\n}\n";
    expect(dynamicLines(text, 'src/fields.ts')).toEqual([8]);
  });

  it('leaves a helper that returns a constant script, and a call without arguments, alone', () => {
    const constant = 'import redis\n\nr = redis.Redis()\nBODY = "return redis.call(\'GET\', KEYS[1])"\n\n\ndef script(name):\n    log(name)\n    return BODY\n\n\ndef get(key):\n    return r.eval(script("get"), 1, key)\n';
    expect(dynamicLines(constant, 'app/get.py')).toEqual([]);
    const noArgs = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nfunction body() {\n  return `return redis.call('GET', KEYS[1])`;\n}\n\nexport async function get(key: string) {\n  return redis.eval(body(), 1, key);\n}\n";
    expect(dynamicLines(noArgs, 'src/get.ts')).toEqual([]);
  });
});
