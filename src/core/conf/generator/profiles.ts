/** Per-workload tuning (knowledge base §C.2): memory share, eviction, lazyfree, keepalive, ACL rules. */
import type { Workload } from '../workloads';

export interface WorkloadProfile {
  /** Share of the host memory given to maxmemory (the rest is headroom for forks, buffers, fragmentation). */
  memoryShare: number;
  policy: string;
  policyWhy: string;
  /** Key prefix of the application user. */
  keyPrefix: string;
  /** ACL rules of the application user (after keys/channels). */
  appRules: string;
  lazyfree: string[];
  tcpKeepalive: number;
  /** Replication backlog target before scaling to the memory size, in MB. */
  backlogMb: number;
  /** Extra directives with their reasons. */
  extra: Array<[string, string]>;
  /** Commands the application runs, for documentation and tests. */
  sampleCommands: string[];
}

const LAZY_ALL = ['lazyfree-lazy-eviction', 'lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del', 'lazyfree-lazy-user-flush', 'replica-lazy-flush'];

export const PROFILES: Record<Workload, WorkloadProfile> = {
  cache: {
    memoryShare: 0.75,
    policy: 'allkeys-lru',
    policyWhy: 'a cache must evict cold keys when full instead of failing writes (allkeys-lfu if popularity is very skewed)',
    keyPrefix: 'cache:',
    appRules: '+@read +@write +@connection',
    lazyfree: LAZY_ALL,
    tcpKeepalive: 300,
    backlogMb: 64,
    extra: [],
    sampleCommands: ['SET cache:k v EX 60', 'GET cache:k', 'UNLINK cache:k'],
  },
  session: {
    memoryShare: 0.6,
    policy: 'volatile-lru',
    policyWhy: 'every session has a TTL: evict the least recently used sessions first, never keys without TTL',
    keyPrefix: 'sess:',
    appRules: '+@read +@write +@connection',
    lazyfree: ['lazyfree-lazy-eviction', 'lazyfree-lazy-expire', 'lazyfree-lazy-user-del'],
    tcpKeepalive: 300,
    backlogMb: 64,
    extra: [],
    sampleCommands: ['HSET sess:1 user 42', 'EXPIRE sess:1 1800', 'HGETALL sess:1'],
  },
  queue: {
    memoryShare: 0.6,
    policy: 'noeviction',
    policyWhy: 'eviction would silently delete jobs; queue libraries (BullMQ, Sidekiq) require noeviction — alert on memory instead',
    keyPrefix: 'bull:',
    appRules: '+@read +@write +@list +@stream +@blocking +@scripting +@transaction +@connection',
    lazyfree: ['lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del', 'lazyfree-lazy-user-flush'],
    tcpKeepalive: 60,
    backlogMb: 128,
    extra: [],
    sampleCommands: ['LPUSH bull:jobs j1', 'BRPOP bull:jobs 1', 'XADD bull:events * k v'],
  },
  primary: {
    memoryShare: 0.5,
    policy: 'noeviction',
    policyWhy: 'this is the system of record: refuse writes at the limit rather than delete data',
    keyPrefix: 'app:',
    appRules: '+@read +@write +@transaction +@scripting +@connection',
    lazyfree: ['lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del'],
    tcpKeepalive: 300,
    backlogMb: 256,
    extra: [],
    sampleCommands: ['SET app:user:1 x', 'HSET app:h f v', 'GET app:user:1'],
  },
  leaderboard: {
    memoryShare: 0.65,
    policy: 'noeviction',
    policyWhy: 'boards are authoritative data: refuse writes at the limit rather than drop entries',
    keyPrefix: 'lb:',
    appRules: '+@read +@sortedset +@hash +@hyperloglog +@connection',
    lazyfree: ['lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del'],
    tcpKeepalive: 300,
    backlogMb: 64,
    extra: [],
    sampleCommands: ['ZADD lb:daily 10 alice', 'ZREVRANGE lb:daily 0 9 WITHSCORES', 'PFADD lb:visitors u1'],
  },
  ratelimit: {
    memoryShare: 0.75,
    policy: 'volatile-ttl',
    policyWhy: 'every counter has a TTL: evicting those closest to expiry is the least harmful choice',
    keyPrefix: 'rl:',
    appRules: '+@read +@write +@scripting +@transaction +@connection',
    lazyfree: ['lazyfree-lazy-eviction', 'lazyfree-lazy-expire'],
    tcpKeepalive: 60,
    backlogMb: 16,
    extra: [],
    sampleCommands: ['INCR rl:ip:1', 'EXPIRE rl:ip:1 60', 'ZADD rl:win 1 a'],
  },
  pubsub: {
    memoryShare: 0.7,
    policy: 'noeviction',
    policyWhy: 'there is no data to evict; the limit bounds client buffers',
    keyPrefix: 'events:',
    appRules: '+publish +spublish +subscribe +ssubscribe +psubscribe +unsubscribe +sunsubscribe +punsubscribe +@connection',
    lazyfree: [],
    tcpKeepalive: 60,
    backlogMb: 16,
    extra: [
      ['maxmemory-clients 10%', 'subscriber output buffers count toward memory: cap them together and drop the biggest consumers first (7.0+)'],
      ['client-output-buffer-limit pubsub 64mb 16mb 60', 'room for bursts; a subscriber that stays 16mb behind for 60 s (or 64mb at once) is disconnected instead of exhausting memory'],
    ],
    sampleCommands: ['PUBLISH events:orders hello', 'SUBSCRIBE events:orders'],
  },
};
