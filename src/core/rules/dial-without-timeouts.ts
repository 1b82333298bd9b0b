/** dial-without-timeouts: a redigo connection dialled without read and write timeouts hangs its caller when Redis stalls. */
import type { Rule } from './rule';
import { goDialWithoutTimeouts } from './go/goConnectionChecks';

const REDIGO = 'import (\n\t"net/http"\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\n';

export const dialWithoutTimeouts: Rule = {
  meta: {
    id: 'dial-without-timeouts',
    code: 'RR210',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['go'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      dial: '{{factory}}{{where}} without {{missing}}: redigo waits forever by default, so a stalled Redis or network hangs every request holding the connection; add redis.DialReadTimeout and redis.DialWriteTimeout.',
    },
    docs: {
      summary: 'A redigo dial without read and write timeouts: a stalled server hangs the requests forever.',
      what: 'Reports redigo `redis.Dial`, `redis.DialURL`, `redis.DialContext` and `redis.DialURLContext` calls (also through an instrumented copy of them: the redigo contrib of dd-trace-go (`redigotrace.Dial(...)`), the OpenCensus fork of redigo) that do not pass both `redis.DialReadTimeout` and `redis.DialWriteTimeout` (a `DialConnectTimeout` alone does not count), in a `redis.Pool{Dial: ...}` or any function of a program that serves requests. Dials whose options come from the caller (`opts...`), `redis.DialTimeout(...)` (which sets all three) and the `main` of a one-shot program that serves nothing are not reported. go-redis, rueidis, Jedis and Lettuce have default timeouts and are never reported.',
      why: 'redigo sets no deadline on reads and writes unless asked. When Redis stalls (a slow command, a failover, a half-open TCP connection after a network partition) every goroutine reading a reply waits forever, the pool\'s connections stay borrowed, and the service stops answering instead of failing fast and retrying.',
      examples: [
        {
          client: 'redigo',
          file: 'store/pool.go',
          bad: `package store\n\n${REDIGO}var pool = &redis.Pool{\n\tMaxIdle:     10,\n\tIdleTimeout: 240 * time.Second,\n\tDial: func() (redis.Conn, error) {\n\t\treturn redis.Dial("tcp", "localhost:6379")\n\t},\n}\n\nfunc Handler(w http.ResponseWriter, r *http.Request) {\n\tconn := pool.Get()\n\tdefer conn.Close()\n\tconn.Do("INCR", "hits")\n}\n`,
          good: `package store\n\n${REDIGO}var pool = &redis.Pool{\n\tMaxIdle:     10,\n\tIdleTimeout: 240 * time.Second,\n\tDial: func() (redis.Conn, error) {\n\t\treturn redis.Dial("tcp", "localhost:6379",\n\t\t\tredis.DialConnectTimeout(2*time.Second),\n\t\t\tredis.DialReadTimeout(time.Second),\n\t\t\tredis.DialWriteTimeout(time.Second))\n\t},\n}\n\nfunc Handler(w http.ResponseWriter, r *http.Request) {\n\tconn := pool.Get()\n\tdefer conn.Close()\n\tconn.Do("INCR", "hits")\n}\n`,
        },
      ],
      fix: 'Pass `redis.DialReadTimeout(d)` and `redis.DialWriteTimeout(d)` (and `redis.DialConnectTimeout(d)`) to every dial, with `d` a little above your slowest expected command; blocking commands (BLPOP with a timeout) need a read timeout above their own, or `redis.DoWithTimeout`. No quick fix: the right durations depend on the service.',
      falsePositives: 'A dedicated subscriber connection that must block may leave the read timeout unset if it sends PINGs (health checks) itself; silence it with `// redis-review-disable-next-line dial-without-timeouts -- subscriber`.',
      references: [
        { title: 'redigo DialOption (DialReadTimeout, DialWriteTimeout)', url: 'https://pkg.go.dev/github.com/gomodule/redigo/redis#DialOption' },
        { title: 'redigo Pool', url: 'https://pkg.go.dev/github.com/gomodule/redigo/redis#Pool' },
      ],
    },
  },
  check: goDialWithoutTimeouts,
};
