/** The parser tokenizes like Redis (sdssplitargs) and survives malformed input with clear diagnostics. */
import { describe, expect, it } from 'vitest';
import { lintRedisConf, parseRedisConf, parseMemory } from '../../../../src/core/conf';
import { splitArgs, quoteArg } from '../../../../src/core/conf/tokenizer';

const values = (line: string) => {
  const result = splitArgs(line);
  return result.ok ? result.tokens.map((t) => t.value) : result.error;
};

describe('tokenizer (sdssplitargs)', () => {
  it('splits quoted, escaped and hex arguments', () => {
    expect(values('save ""')).toEqual(['save', '']);
    expect(values('requirepass "a b\\"c\\x41\\n"')).toEqual(['requirepass', 'a b"cA\n']);
    expect(values("rename-command CONFIG 'x\\'y'")).toEqual(['rename-command', 'CONFIG', "x'y"]);
    expect(values('a"b c"d')).toMatch(/closing quote must be followed by a space/);
  });
  it('reports unbalanced quotes as Redis does', () => {
    expect(values('bind "127.0.0.1')).toMatch(/Unbalanced quotes/);
    expect(values("bind '127.0.0.1")).toMatch(/Unbalanced quotes/);
  });
  it('quoteArg round-trips through the tokenizer', () => {
    for (const value of ['', 'plain', 'a b', 'q"uote', 'back\\slash', 'tab\there', '\x01']) {
      expect(values(`x ${quoteArg(value)}`)).toEqual(['x', value]);
    }
  });
});

describe('parser', () => {
  it('lower-cases names, keeps multi-argument directives and reads the workload header', () => {
    const parsed = parseRedisConf('# redis-review: workload=Cache mode=sentinel\n  MaxMemory 1GB\nsave 900 1 300 10\nclient-output-buffer-limit replica 256mb 64mb 60\n');
    expect(parsed.header).toEqual({ workload: 'cache', mode: 'sentinel' });
    expect(parsed.directives.map((d) => d.name)).toEqual(['maxmemory', 'save', 'client-output-buffer-limit']);
    expect(parsed.directives[1].args.map((a) => a.value)).toEqual(['900', '1', '300', '10']);
    expect(parsed.directives[0].nameStartOffset).toBe(parsed.text.indexOf('MaxMemory'));
  });
  it('parses memory units like Redis memtoull', () => {
    expect(parseMemory('1gb')).toBe(1024 ** 3);
    expect(parseMemory('1g')).toBe(1e9);
    expect(parseMemory('100MB')).toBe(100 * 1024 ** 2);
    expect(parseMemory('1k')).toBe(1000);
    expect(parseMemory('1.5gb')).toBeUndefined();
    expect(parseMemory('-1')).toBeUndefined();
  });
});

describe('malformed files', () => {
  it('an unterminated quote gives one clear error at the quote and linting goes on', () => {
    const findings = lintRedisConf('requirepass "abc\nmaxmemory 1gb\nhz 1000\n');
    const parse = findings.filter((f) => f.ruleId === 'conf-parse-error');
    expect(parse).toHaveLength(1);
    expect(parse[0].message).toMatch(/Unbalanced quotes/);
    expect(parse[0].span.start).toEqual({ line: 0, column: 12 });
    expect(findings.some((f) => f.ruleId === 'conf-hz-high')).toBe(true);
  });
  it('binary junk is reported (bounded) without a crash', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const findings = lintRedisConf(junk.repeat(20));
    const parse = findings.filter((f) => f.ruleId === 'conf-parse-error');
    expect(parse.length).toBeGreaterThan(0);
    expect(parse.length).toBeLessThanOrEqual(21);
    expect(parse[0].message).toMatch(/binary data/);
  });
  it('a 10 MB file lints without a crash and reports its problems', () => {
    const block = 'maxmemory 1gb\nhz 10\n# comment\nsave 900 1\nfrobnicate yes\n';
    const text = block.repeat(Math.ceil((10 * 1024 * 1024) / block.length));
    const findings = lintRedisConf(text);
    expect(text.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(findings.filter((f) => f.ruleId === 'conf-unknown-directive').length).toBe(Math.ceil((10 * 1024 * 1024) / block.length));
    expect(findings.some((f) => f.ruleId === 'conf-duplicate-directive')).toBe(true);
  }, 300_000); // a 10 MB file took 72 s on two cores at a load of 40: generous, the test is about not crashing
  it('empty input and a lone quote do not crash', () => {
    expect(() => lintRedisConf('')).not.toThrow();
    expect(lintRedisConf('"').some((f) => f.ruleId === 'conf-parse-error')).toBe(true);
  });
});

describe('suppression and version awareness', () => {
  it('honours redis-review-disable-next-line', () => {
    expect(lintRedisConf('# redis-review-disable-next-line conf-hz-high\nhz 500\n').some((f) => f.ruleId === 'conf-hz-high')).toBe(false);
  });
  it('accepts 7.2 directives when the target is Redis 7.4', () => {
    expect(lintRedisConf('set-max-listpack-entries 128\n', { server: 'redis-7.4' }).some((f) => f.ruleId === 'conf-unsupported-version')).toBe(false);
    expect(lintRedisConf('maxmemory-policy allkeys-lrm\n').some((f) => f.ruleId === 'conf-unsupported-version')).toBe(true);
  });
  it('the workload option overrides the header', () => {
    expect(lintRedisConf('maxmemory 1gb\nsave ""\n', { workload: 'cache' }).some((f) => f.ruleId === 'conf-cache-noeviction')).toBe(true);
  });
});
