/**
 * Deno imports npm packages by specifier (`npm:redis@^4.5`, `npm:ioredis@5`, `npm:@redis/client`): the client they
 * make is the package's client, judged like one imported by its bare name.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();
const listenerLines = (text: string) => findingLines.inFile('missing-error-listener', { path: 'app/redis.ts', text });

describe('clients of packages imported through npm: specifiers', () => {
  it('reports node-redis and ioredis clients without an error listener', () => {
    const nodeRedis = 'import { createClient } from "npm:redis@^4.5";\n\nconst leader = createClient({ url: Deno.env.get("REDIS_URL") });\nawait leader.connect();\n\nexport const read = (key: string) => leader.get(key);\n';
    expect(listenerLines(nodeRedis)).toEqual([3]);
    const scoped = "import { createClient } from 'npm:@redis/client@1.5.8';\n\nconst client = createClient();\nawait client.connect();\nexport const read = (key: string) => client.get(key);\n";
    expect(listenerLines(scoped)).toEqual([3]);
    const ioredis = "import Redis from 'npm:ioredis@5';\n\nconst redis = new Redis(Deno.env.get('REDIS_URL')!);\nexport const read = (key: string) => redis.get(key);\n";
    expect(listenerLines(ioredis)).toEqual([3]);
    const bare = "import Redis from 'npm:ioredis';\n\nconst redis = new Redis();\nexport const read = (key: string) => redis.get(key);\n";
    expect(listenerLines(bare)).toEqual([3]);
  });

  it('leaves clients that have a listener, and packages that only end in a Redis name', () => {
    const listened = 'import { createClient } from "npm:redis@^4.5";\n\nconst leader = createClient();\nleader.on("error", console.error);\nawait leader.connect();\nexport const read = (key: string) => leader.get(key);\n';
    expect(listenerLines(listened)).toEqual([]);
    const other = 'import { createClient } from "npm:fake-redis@1";\n\nconst leader = createClient();\nexport const read = (key: string) => leader.get(key);\n';
    expect(listenerLines(other)).toEqual([]);
    const url = 'import { createClient } from "https://deno.land/x/redis/mod.ts";\n\nconst leader = createClient();\nexport const read = (key: string) => leader.get(key);\n';
    expect(listenerLines(url)).toEqual([]);
  });

  it('reads the commands sent on such a client like those of the bare package', () => {
    const read = 'import { createClient } from "npm:redis@^4.5";\n\nconst client = createClient();\nclient.on("error", console.error);\n\nexport const board = () => client.zRange("leaderboard", 0, -1);\n';
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/board.ts', text: read })).toEqual([6]);
  });
});
