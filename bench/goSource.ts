/** A large generated go-redis service (3,000 lines) for the editor-latency and lint benchmarks. */
export function largeGoSource(lines = 3000): string {
  const out = ['package app', '', 'import (', '\t"context"', '\t"encoding/json"', '\t"time"', '', '\t"github.com/redis/go-redis/v9"', ')', '', 'type Service struct {', '\trdb *redis.Client', '}', ''];
  let index = 0;
  while (out.length < lines - 16) {
    const n = index++;
    out.push(
      `func (s *Service) Handler${n}(ctx context.Context, userID string, payload []byte) (int, error) {`,
      `\t// Handler ${n}: reads a profile, caches a view, records an event.`,
      `\tprofile, err := s.rdb.HGetAll(ctx, "profile:"+userID).Result()`,
      '\tif err != nil {',
      '\t\treturn 0, err',
      '\t}',
      `\tsettings := map[string]int{"n": ${n}}`,
      '\tif len(profile) == 0 {',
      `\t\ts.rdb.Set(ctx, "view:${n}:"+userID, payload, 0)`,
      `\t\ts.rdb.Expire(ctx, "view:${n}:"+userID, 300*time.Second)`,
      '\t}',
      n % 25 === 0 ? `\tstale := s.rdb.Keys(ctx, "tmp:${n}:*").Val()` : `\tstale := s.rdb.Get(ctx, "counter:${n}").Val()`,
      '\tencoded, _ := json.Marshal(stale)',
      `\treturn len(settings) + ${n} + len(encoded), nil`,
      '}',
      '',
    );
  }
  while (out.length < lines) out.push(`// padding line ${out.length}`);
  return out.join('\n') + '\n';
}
