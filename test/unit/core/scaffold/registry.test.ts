/** The pattern registry lists the eleven patterns of the design, each complete in both languages. */
import { describe, expect, it } from 'vitest';
import { findPattern, scaffoldCatalog, SCAFFOLD_PATTERNS } from '../../../../src/core/scaffold/registry';

describe('scaffold registry', () => {
  it('lists the eleven patterns in order, with unique ids and module names', () => {
    expect(SCAFFOLD_PATTERNS.map((pattern) => pattern.id)).toEqual([
      'cache-aside', 'session-store', 'rate-limiter', 'leaderboard', 'job-queue', 'delayed-jobs',
      'distributed-lock', 'pubsub-invalidation', 'unique-counters', 'idempotency-keys', 'time-series-events',
    ]);
    for (const language of ['python', 'typescript'] as const) {
      const names = SCAFFOLD_PATTERNS.map((pattern) => pattern.templates[language].moduleName);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('uses snake_case module names for Python and camelCase for TypeScript', () => {
    for (const pattern of SCAFFOLD_PATTERNS) {
      expect(pattern.templates.python.moduleName).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(pattern.templates.typescript.moduleName).toMatch(/^[a-z]+([A-Z][a-z]+)*$/);
      expect(pattern.templates.python.moduleName.replace(/_/g, '')).toBe(pattern.templates.typescript.moduleName.toLowerCase());
    }
  });

  it('describes every pattern with title, description, languages and options', () => {
    for (const info of scaffoldCatalog()) {
      expect(info.title.length).toBeGreaterThan(3);
      expect(info.description.length).toBeGreaterThan(20);
      expect(info.structures.length).toBeGreaterThan(5);
      expect(info.languages).toEqual(['python', 'typescript']);
      expect(info.options.map((option) => option.name)).toEqual(['prefix', 'withTests']);
      expect(info.options[0].default).toBe(findPattern(info.id)!.defaultPrefix);
    }
  });

  it('finds patterns by id only', () => {
    expect(findPattern('rate-limiter')?.title).toBe('Rate limiter');
    expect(findPattern('Rate Limiter')).toBeUndefined();
  });
});
