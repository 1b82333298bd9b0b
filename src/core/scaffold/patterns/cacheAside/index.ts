/** The cache-aside pattern: get-or-load with jittered TTL and a per-key lock against stampedes. */
import type { ScaffoldPattern } from '../../types';
import { cacheAsidePython } from './python';
import { cacheAsidePythonTest, cacheAsideTypescriptTest } from './tests';
import { cacheAsideTypescript } from './typescript';

export const cacheAside: ScaffoldPattern = {
  id: 'cache-aside',
  title: 'Cache-aside',
  description: 'Get-or-load with TTL + jitter and stampede protection: one loader call for concurrent misses.',
  structures: 'string with TTL, SET NX PX lock, Lua compare-and-delete',
  defaultPrefix: 'cache',
  multiKey: true,
  templates: {
    python: { moduleName: 'cache_aside', module: cacheAsidePython, test: cacheAsidePythonTest },
    typescript: { moduleName: 'cacheAside', module: cacheAsideTypescript, test: cacheAsideTypescriptTest },
  },
};
