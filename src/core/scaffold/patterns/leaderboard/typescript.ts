/** TypeScript (ioredis) template of the leaderboard: `new Leaderboard(redis, name, { prefix, maxMembers })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { AROUND_LUA, leaderboardHeader } from './header';

export function leaderboardTypescript(prefix: string): string {
  return `${typescriptHeader(leaderboardHeader(prefix))}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('AROUND', AROUND_LUA)}
/** A member's position: rank 0 is the best (highest) score. */
export interface Entry {
  member: string;
  score: number;
  rank: number;
}

export interface LeaderboardOptions {
  prefix?: string;
  /** Keep only the best maxMembers (trimmed after each add). */
  maxMembers?: number;
}

interface AroundCommand {
  leaderboardAround(key: string, member: string, radius: number): Promise<Array<string | number>>;
}

function entries(rows: Array<string | number>, firstRank: number): Entry[] {
  const result: Entry[] = [];
  for (let i = 0; i + 1 < rows.length; i += 2) result.push({ member: String(rows[i]), score: Number(rows[i + 1]), rank: firstRank + i / 2 });
  return result;
}

/** Highest score first. */
export class Leaderboard {
  readonly key: string;
  private readonly maxMembers: number | undefined;
  private readonly commands: AroundCommand;

  constructor(
    private readonly redis: Redis | Cluster,
    name: string,
    options: LeaderboardOptions = {},
  ) {
    this.key = (options.prefix ?? ${typescriptString(prefix)}) + ':' + name;
    this.maxMembers = options.maxMembers;
    redis.defineCommand('leaderboardAround', { numberOfKeys: 1, lua: AROUND });
    this.commands = redis as unknown as AroundCommand;
  }

  /** Sets the member's score (and trims the board to maxMembers). */
  async add(member: string, score: number): Promise<void> {
    const pipeline = this.redis.pipeline().zadd(this.key, score, member);
    if (this.maxMembers) pipeline.zremrangebyrank(this.key, 0, -this.maxMembers - 1);
    const replies = await pipeline.exec();
    const failed = replies?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  /** Adds to the member's score atomically and returns the new score. */
  async increment(member: string, by: number): Promise<number> {
    return Number(await this.redis.zincrby(this.key, by, member));
  }

  async score(member: string): Promise<number | null> {
    const score = await this.redis.zscore(this.key, member);
    return score === null ? null : Number(score);
  }

  /** 0 for the leader, null when the member is not on the board. */
  async rank(member: string): Promise<number | null> {
    return this.redis.zrevrank(this.key, member);
  }

  top(n = 10): Promise<Entry[]> {
    return this.range(0, n - 1);
  }

  /** Page 0 is the top pageSize members. */
  page(page: number, pageSize = 20): Promise<Entry[]> {
    return this.range(page * pageSize, (page + 1) * pageSize - 1);
  }

  /** The member with up to \`radius\` neighbours on each side; empty when the member is not on the board. */
  async around(member: string, radius = 2): Promise<Entry[]> {
    const reply = await this.commands.leaderboardAround(this.key, member, radius);
    if (reply.length === 0) return [];
    return entries(reply.slice(1), Number(reply[0]));
  }

  async remove(member: string): Promise<boolean> {
    return (await this.redis.zrem(this.key, member)) === 1;
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.key);
  }

  private async range(start: number, stop: number): Promise<Entry[]> {
    return entries(await this.redis.zrevrange(this.key, start, stop, 'WITHSCORES'), start);
  }
}
`;
}
