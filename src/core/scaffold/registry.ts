/** The explicit registry of scaffold patterns, and their metadata for listings, pickers and docs. */
import { cacheAside } from './patterns/cacheAside';
import { delayedJobs } from './patterns/delayedJobs';
import { distributedLock } from './patterns/distributedLock';
import { idempotencyKeys } from './patterns/idempotencyKeys';
import { jobQueue } from './patterns/jobQueue';
import { pubsubInvalidation } from './patterns/pubsubInvalidation';
import { leaderboard } from './patterns/leaderboard';
import { rateLimiter } from './patterns/rateLimiter';
import { sessionStore } from './patterns/sessionStore';
import { timeSeriesEvents } from './patterns/timeSeriesEvents';
import { uniqueCounters } from './patterns/uniqueCounters';
import { SCAFFOLD_LANGUAGES, type ScaffoldLanguage, type ScaffoldOptionSpec, type ScaffoldPattern } from './types';

export const SCAFFOLD_PATTERNS: readonly ScaffoldPattern[] = [cacheAside, sessionStore, rateLimiter, leaderboard, jobQueue, delayedJobs, distributedLock, pubsubInvalidation, uniqueCounters, idempotencyKeys, timeSeriesEvents];

/** Metadata of a pattern without its templates. */
export interface ScaffoldPatternInfo {
  id: string;
  title: string;
  description: string;
  structures: string;
  languages: readonly ScaffoldLanguage[];
  options: ScaffoldOptionSpec[];
}

export function findPattern(id: string): ScaffoldPattern | undefined {
  return SCAFFOLD_PATTERNS.find((pattern) => pattern.id === id);
}

export function patternInfo(pattern: ScaffoldPattern): ScaffoldPatternInfo {
  return {
    id: pattern.id,
    title: pattern.title,
    description: pattern.description,
    structures: pattern.structures,
    languages: SCAFFOLD_LANGUAGES.filter((language) => pattern.templates[language] !== undefined),
    options: [
      { name: 'prefix', description: 'Key prefix used as the default of the generated class', default: pattern.defaultPrefix },
      { name: 'withTests', description: 'Also generate a pytest / vitest file that runs against REDIS_URL', default: false },
    ],
  };
}

export function scaffoldCatalog(): ScaffoldPatternInfo[] {
  return SCAFFOLD_PATTERNS.map(patternInfo);
}
