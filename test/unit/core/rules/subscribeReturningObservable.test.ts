/**
 * subscribe-on-command-connection and a project wrapper whose subscribe returns an Observable: the wrapper keeps its
 * own subscriber connection, so chaining `.subscribe(...)`/`.pipe(...)` on the result is not a client in subscriber mode.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function subscribeLines(body: string): number[] {
  return findingLines.inFile('subscribe-on-command-connection', { path: 'src/sync.ts', text: "import Redis from 'ioredis';\nimport { Bus } from './bus';\n\n" + body });
}

const SYNC = (subscribeCall: string) => `export class Sync {
  public redisBus!: Bus;

  constructor(redis: Redis) {
    this.redisBus = new Bus(redis);
  }

  async load() {
    const defs = await this.redisBus.hgetall('defs');
    ${subscribeCall}
    return defs;
  }
}
`;

describe('subscribe-on-command-connection and a subscribe that returns an Observable', () => {
  it('does not report a subscribe whose result is subscribed to or piped', () => {
    expect(subscribeLines(SYNC("this.redisBus.subscribe('defs', { replay: false }).subscribe((msg: any) => console.log(msg));"))).toEqual([]);
    expect(subscribeLines(SYNC("this.redisBus.subscribe('defs').pipe(filter(Boolean));"))).toEqual([]);
  });

  it('still reports the same receiver when the subscribe result is awaited like a Redis client call', () => {
    expect(subscribeLines(SYNC("await this.redisBus.subscribe('defs');"))).toEqual([13]);
  });

  it('still reports a proven ioredis client that subscribes and runs commands', () => {
    const text = "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function start() {\n  await redis.subscribe('events');\n  await redis.set('listening', '1');\n}\n";
    expect(subscribeLines(text)).toEqual([8]);
  });
});
