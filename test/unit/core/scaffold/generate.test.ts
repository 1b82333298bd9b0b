/** generateScaffold: deterministic files, validated prefixes, explanatory headers, hash tags and the fixed APIs. */
import { describe, expect, it } from 'vitest';
import { generateScaffold, ScaffoldError, validatePrefix } from '../../../../src/core/scaffold/generate';
import { SCAFFOLD_PATTERNS } from '../../../../src/core/scaffold/registry';

const LANGUAGES = ['python', 'typescript'] as const;

function moduleText(id: string, language: 'python' | 'typescript', prefix?: string): string {
  return generateScaffold(id, language, { prefix })[0].content;
}

describe('generateScaffold', () => {
  it('is deterministic for the same input', () => {
    for (const pattern of SCAFFOLD_PATTERNS) {
      for (const language of LANGUAGES) {
        expect(generateScaffold(pattern.id, language, { withTests: true })).toEqual(generateScaffold(pattern.id, language, { withTests: true }));
      }
    }
  });

  it('writes the module, plus a test file on request, with language conventions for names', () => {
    expect(generateScaffold('rate-limiter', 'python').map((file) => file.path)).toEqual(['rate_limiter.py']);
    expect(generateScaffold('rate-limiter', 'python', { withTests: true }).map((file) => [file.path, file.role])).toEqual([
      ['rate_limiter.py', 'module'],
      ['test_rate_limiter.py', 'test'],
    ]);
    expect(generateScaffold('job-queue', 'typescript', { withTests: true }).map((file) => file.path)).toEqual(['jobQueue.ts', 'jobQueue.test.ts']);
  });

  it('starts every module with why, complexity, memory and keys', () => {
    for (const pattern of SCAFFOLD_PATTERNS) {
      for (const language of LANGUAGES) {
        const text = moduleText(pattern.id, language);
        expect(text.startsWith(language === 'python' ? '"""' : '/**')).toBe(true);
        const header = text.slice(0, text.indexOf(language === 'python' ? '"""\n' : ' */', 3));
        for (const section of ['Complexity:', 'Memory:', 'Keys:', `redis-review scaffold ${pattern.id}`]) expect(header).toContain(section);
        expect(header).toMatch(/\d+ (bytes|KB|MB)/);
      }
    }
  });

  it('bakes the prefix in as the default and keeps hash tags where keys share a slot', () => {
    for (const pattern of SCAFFOLD_PATTERNS) {
      expect(moduleText(pattern.id, 'python', 'shop:v2')).toContain('prefix: str = "shop:v2"');
      expect(moduleText(pattern.id, 'typescript', 'shop:v2')).toContain("?? 'shop:v2'");
      expect(moduleText(pattern.id, 'python')).toContain(`prefix: str = "${pattern.defaultPrefix}"`);
    }
    expect(moduleText('job-queue', 'python')).toContain('f"{prefix}:{{{name}}}:stream"');
    expect(moduleText('job-queue', 'typescript')).toContain("prefix + ':{' + name + '}:stream'");
    expect(moduleText('delayed-jobs', 'python')).toContain('f"{prefix}:{{{name}}}:jobs"');
    expect(moduleText('unique-counters', 'python')).toContain('{{dau}}');
    expect(moduleText('cache-aside', 'typescript')).toContain("this.prefix + ':{' + key + '}'");
  });

  it('refuses prefixes that would break string literals or hash tags', () => {
    for (const bad of ['', 'a b', 'a"b', "a'b", 'a{b}', 'a\\b', ':x', 'x'.repeat(65)]) {
      expect(validatePrefix(bad)).toBeTypeOf('string');
      expect(() => generateScaffold('rate-limiter', 'python', { prefix: bad })).toThrow(ScaffoldError);
    }
    for (const good of ['app', 'shop:v2', 'my-app.cache_1']) expect(validatePrefix(good)).toBeUndefined();
  });

  it('names the unknown pattern and the known ones', () => {
    expect(() => generateScaffold('queue', 'python')).toThrow(/unknown pattern "queue"; known: cache-aside, /);
  });

  it('keeps the fixed APIs other code depends on', () => {
    const python = (id: string) => moduleText(id, 'python');
    const typescript = (id: string) => moduleText(id, 'typescript');
    expect(python('rate-limiter')).toMatch(/def __init__\(\s*self,\s*client: RedisClient,\s*\*,\s*limit: int,\s*window_seconds: float,\s*prefix: str = "ratelimit",/);
    expect(python('rate-limiter')).toMatch(/def allow\(self, identifier: str\) -> RateLimitResult/);
    expect(python('rate-limiter')).toMatch(/allowed: bool\n\s+remaining: int\n\s+retry_after_ms: int/);
    expect(typescript('rate-limiter')).toMatch(/constructor\(redis: Redis \| Cluster, options: RateLimiterOptions\)/);
    expect(typescript('rate-limiter')).toMatch(/async allow\(id: string\): Promise<RateLimitResult>/);
    expect(python('distributed-lock')).toMatch(/client: RedisClient,\s*name: str,\s*\*,\s*ttl_ms: int,\s*prefix: str = "lock",/);
    expect(python('distributed-lock')).toMatch(/def acquire\(self, blocking: bool = True, timeout_ms: Optional\[int\] = None\) -> bool/);
    expect(python('distributed-lock')).toMatch(/def release\(self\) -> bool/);
    expect(python('distributed-lock')).toMatch(/def extend\(self, ttl_ms: int\) -> bool/);
    expect(python('distributed-lock')).toMatch(/def __enter__[\s\S]*def __exit__/);
    expect(typescript('distributed-lock')).toMatch(/async acquire\(options: \{ timeoutMs\?: number \} = \{\}\): Promise<boolean>/);
    expect(typescript('distributed-lock')).toMatch(/async extend\(ttlMs: number\): Promise<boolean>/);
    expect(python('job-queue')).toMatch(/name: str,\s*\*,\s*group: str = "workers",\s*max_len: int = 100000,\s*visibility_timeout_ms: int = 30000,\s*max_deliveries: int = 5,/);
    for (const method of ['def enqueue(self, payload: Dict[str, Any]) -> str', 'def reserve(self, consumer: str, count: int = 1, block_ms: int = 1000) -> List[Job]', 'def ack(self, job_id: str)', 'def reclaim(self, consumer: str', 'def dead_letters(self']) {
      expect(python('job-queue')).toContain(method);
    }
    for (const method of ['async enqueue(payload: JobPayload): Promise<string>', 'async reserve(consumer: string, count = 1, blockMs = 1000): Promise<Job[]>', 'async ack(jobId: string)', 'async reclaim(consumer: string', 'async deadLetters(']) {
      expect(typescript('job-queue')).toContain(method);
    }
    expect(typescript('job-queue')).toMatch(/maxLen\?: number;[\s\S]*visibilityTimeoutMs\?: number;[\s\S]*maxDeliveries\?: number;/);
    expect(python('cache-aside')).toMatch(/client: RedisClient,\s*\*,\s*prefix: str = "cache",\s*ttl_seconds: int,/);
    expect(python('cache-aside')).toContain('def get_or_load(self, key: str, loader: Callable[[], Any]) -> Any');
    expect(python('cache-aside')).toContain('def invalidate(self, key: str) -> None');
    expect(typescript('cache-aside')).toContain('async getOrLoad<T>(key: string, loader: () => Promise<T>): Promise<T>');
    expect(typescript('cache-aside')).toContain('async invalidate(key: string): Promise<void>');
  });

  it('never emits template placeholders or JavaScript interpolation into the output', () => {
    for (const pattern of SCAFFOLD_PATTERNS) {
      for (const language of LANGUAGES) {
        for (const file of generateScaffold(pattern.id, language, { withTests: true })) {
          expect(file.content).not.toMatch(/\[object Object\]|TODO|\$\{/);
          if (language === 'python') expect(file.content).not.toMatch(/\bundefined\b|\bnull\b/);
        }
      }
    }
  });
});
