/** TypeScript (ioredis) template of delayed jobs: `new DelayedJobs(redis, name, { prefix })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { CANCEL_LUA, CLAIM_LUA, delayedJobsHeader, SCHEDULE_LUA } from './header';

export function delayedJobsTypescript(prefix: string): string {
  return `${typescriptHeader(delayedJobsHeader(prefix))}
${typescriptImport('{ randomUUID }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('SCHEDULE', SCHEDULE_LUA)}
${typescriptLua('CLAIM', CLAIM_LUA)}
${typescriptLua('CANCEL', CANCEL_LUA)}
export interface DelayedJob {
  id: string;
  payload: Record<string, unknown>;
  dueMs: number;
}

interface DelayedJobsCommands {
  delayedJobsSchedule(dueKey: string, jobsKey: string, id: string, delayMs: number, payload: string): Promise<number>;
  delayedJobsClaim(dueKey: string, jobsKey: string, count: number): Promise<string[]>;
  delayedJobsCancel(dueKey: string, jobsKey: string, id: string): Promise<number>;
}

/** Jobs that become claimable at a due time. */
export class DelayedJobs {
  readonly dueKey: string;
  readonly jobsKey: string;
  private readonly commands: DelayedJobsCommands;

  constructor(
    private readonly redis: Redis | Cluster,
    name: string,
    options: { prefix?: string } = {},
  ) {
    const prefix = options.prefix ?? ${typescriptString(prefix)};
    this.dueKey = prefix + ':{' + name + '}:due';
    this.jobsKey = prefix + ':{' + name + '}:jobs';
    redis.defineCommand('delayedJobsSchedule', { numberOfKeys: 2, lua: SCHEDULE });
    redis.defineCommand('delayedJobsClaim', { numberOfKeys: 2, lua: CLAIM });
    redis.defineCommand('delayedJobsCancel', { numberOfKeys: 2, lua: CANCEL });
    this.commands = redis as unknown as DelayedJobsCommands;
  }

  /** Schedules the job \`delayMs\` from now (server clock); re-scheduling an id moves it. */
  async schedule(payload: Record<string, unknown>, delayMs: number, jobId: string = randomUUID()): Promise<string> {
    await this.commands.delayedJobsSchedule(this.dueKey, this.jobsKey, jobId, Math.max(0, Math.floor(delayMs)), JSON.stringify(payload));
    return jobId;
  }

  /** Removes and returns up to \`count\` jobs that are due, earliest first; each job goes to one caller. */
  async claimDue(count = 10): Promise<DelayedJob[]> {
    const rows = await this.commands.delayedJobsClaim(this.dueKey, this.jobsKey, count);
    const jobs: DelayedJob[] = [];
    for (let i = 0; i + 2 < rows.length; i += 3) jobs.push({ id: rows[i], payload: JSON.parse(rows[i + 1]) as Record<string, unknown>, dueMs: Number(rows[i + 2]) });
    return jobs;
  }

  async cancel(jobId: string): Promise<boolean> {
    return (await this.commands.delayedJobsCancel(this.dueKey, this.jobsKey, jobId)) === 1;
  }

  async pending(): Promise<number> {
    return this.redis.zcard(this.dueKey);
  }
}
`;
}
