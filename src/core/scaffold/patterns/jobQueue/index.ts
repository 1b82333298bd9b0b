/** The job-queue pattern: a Stream with a consumer group, XAUTOCLAIM reclaim and a dead-letter list. */
import type { ScaffoldPattern } from '../../types';
import { jobQueuePython } from './python';
import { jobQueuePythonTest, jobQueueTypescriptTest } from './tests';
import { jobQueueTypescript } from './typescript';

export const jobQueue: ScaffoldPattern = {
  id: 'job-queue',
  title: 'Job queue',
  description: 'Streams + consumer group: enqueue with MAXLEN ~, reserve, ack, reclaim stuck jobs, dead-letter after N deliveries.',
  structures: 'stream + consumer group, list, Lua (XAUTOCLAIM, XPENDING, XACK)',
  defaultPrefix: 'jobs',
  multiKey: true,
  templates: {
    python: { moduleName: 'job_queue', module: jobQueuePython, test: jobQueuePythonTest },
    typescript: { moduleName: 'jobQueue', module: jobQueueTypescript, test: jobQueueTypescriptTest },
  },
};
