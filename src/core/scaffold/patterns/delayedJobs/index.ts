/** The delayed-jobs pattern: a sorted set by due time with atomic claiming. */
import type { ScaffoldPattern } from '../../types';
import { delayedJobsPython } from './python';
import { delayedJobsPythonTest, delayedJobsTypescriptTest } from './tests';
import { delayedJobsTypescript } from './typescript';

export const delayedJobs: ScaffoldPattern = {
  id: 'delayed-jobs',
  title: 'Delayed jobs',
  description: 'Sorted set by due time with atomic claim of due jobs (each job to exactly one worker), cancel by id.',
  structures: 'sorted set + hash under one {hash tag}, Lua (ZRANGEBYSCORE, ZREM, HGET, HDEL)',
  defaultPrefix: 'delayed',
  multiKey: true,
  templates: {
    python: { moduleName: 'delayed_jobs', module: delayedJobsPython, test: delayedJobsPythonTest },
    typescript: { moduleName: 'delayedJobs', module: delayedJobsTypescript, test: delayedJobsTypescriptTest },
  },
};
