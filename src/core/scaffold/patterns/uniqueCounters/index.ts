/** The unique-counters pattern: HyperLogLog unique visitors and bitmap daily active users. */
import type { ScaffoldPattern } from '../../types';
import { uniqueCountersPython } from './python';
import { uniqueCountersPythonTest, uniqueCountersTypescriptTest } from './tests';
import { uniqueCountersTypescript } from './typescript';

export const uniqueCounters: ScaffoldPattern = {
  id: 'unique-counters',
  title: 'Unique counters',
  description: 'HyperLogLog unique visitors per page and day, bitmap daily active users with cohort AND/OR, with retention TTLs.',
  structures: 'HyperLogLog (PFADD, PFCOUNT), bitmap (SETBIT, BITCOUNT, BITOP) under hash tags',
  defaultPrefix: 'uniq',
  multiKey: true,
  templates: {
    python: { moduleName: 'unique_counters', module: uniqueCountersPython, test: uniqueCountersPythonTest },
    typescript: { moduleName: 'uniqueCounters', module: uniqueCountersTypescript, test: uniqueCountersTypescriptTest },
  },
};
