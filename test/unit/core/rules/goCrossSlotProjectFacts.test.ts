/**
 * cross-slot-multi-key on Go, judged from what other files of the project say: a program whose go-redis clients
 * are all created standalone (NewClient, NewFailoverClient, a Sentinel UniversalClient) passes a plain client behind
 * its UniversalClient or Cmdable fields, and key helpers of another file (also one that never names Redis)
 * that put a {hash tag} in their keys co-locate the keys built with them. A library, a cluster creation anywhere
 * in the program, or an untagged helper keeps the finding.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { goHashTagHelpers, goProjectFactsIn, programClientsAllStandalone } from '../../../../src/core/analysis/go/goProjectFacts';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const IMPORTS = '\nimport (\n\t"context"\n\t"os"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

/** A store whose client field may be a Cluster client, in a file that speaks of Redis Cluster. */
const STORE = {
  path: 'store/store.go',
  text: `package store${IMPORTS}// Redis Cluster support is planned.\ntype Store struct {\n\trdb redis.UniversalClient\n}\n\nvar _ = os.Getenv\n\nfunc New(rdb redis.UniversalClient) *Store { return &Store{rdb: rdb} }\n\nfunc (s *Store) Forget(ctx context.Context, keys []string) error {\n\treturn s.rdb.Del(ctx, keys...).Err()\n}\n`,
};
const FORGET_LINE = 19;

function mainWith(creation: string): { path: string; text: string } {
  return { path: 'cmd/api/main.go', text: `package main${IMPORTS}func main() {\n\trdb := ${creation}\n\t_ = store.New(rdb)\n\t_ = context.Background\n\t_ = os.Getenv\n}\n` };
}

function crossSlotLines(file: { path: string; text: string }, others: { path: string; text: string }[]): number[] {
  const workspace = buildWorkspaceIndex(parsers, [file, ...others]);
  return reviewSource(parsers, file.text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

describe('Go cross-slot-multi-key: clients the program creates', () => {
  it('leaves a UniversalClient field alone in a program whose only client is a redis.NewClient', () => {
    expect(crossSlotLines(STORE, [mainWith('redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})')])).toEqual([]);
  });

  it('leaves it alone behind a Sentinel UniversalClient, and keeps it behind a UniversalClient of any address list (one address may be a cluster\'s)', () => {
    expect(crossSlotLines(STORE, [mainWith('redis.NewUniversalClient(&redis.UniversalOptions{MasterName: "mymaster", Addrs: seeds})')])).toEqual([]);
    expect(crossSlotLines(STORE, [mainWith('redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})')])).toEqual([FORGET_LINE]);
    expect(crossSlotLines(STORE, [mainWith('redis.NewUniversalClient(&redis.UniversalOptions{Addrs: cfg.Addrs})')])).toEqual([FORGET_LINE]);
  });

  it('keeps the finding when any file of the program creates a cluster client', () => {
    const admin = { path: 'cmd/admin/main.go', text: `package main${IMPORTS}func main() {\n\t_ = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{os.Getenv("SEEDS")}})\n\t_ = context.Background\n}\n` };
    expect(crossSlotLines(STORE, [mainWith('redis.NewClient(&redis.Options{})'), admin])).toEqual([FORGET_LINE]);
  });

  it('keeps the finding in a library, whose clients come from its callers (an example program does not make it one)', () => {
    const example = { ...mainWith('redis.NewClient(&redis.Options{})'), path: 'examples/basic/main.go' };
    expect(crossSlotLines(STORE, [example])).toEqual([FORGET_LINE]);
    expect(crossSlotLines(STORE, [])).toEqual([FORGET_LINE]);
  });

  it('summarises creations, programs and helpers per file', () => {
    expect(goProjectFactsIn(mainWith('redis.NewFailoverClient(&redis.FailoverOptions{})').text, 'cmd/api/main.go')).toEqual({ createsOwnClient: true, createsStandalone: true, program: true });
    expect(goProjectFactsIn(mainWith('redis.NewUniversalClient(opts)').text, 'main.go')).toEqual({ createsOwnClient: true, createsClusterCapable: true, createsFromSeedList: true, program: true });
    expect(goProjectFactsIn(mainWith('redis.NewUniversalClient(&redis.UniversalOptions{MasterName: "mymaster", Addrs: seeds})').text, 'main.go')).toEqual({ createsOwnClient: true, createsStandalone: true, program: true });
    expect(programClientsAllStandalone([{ createsStandalone: true }, { program: true }])).toBe(true);
    expect(programClientsAllStandalone([{ createsStandalone: true, program: true }, { createsClusterCapable: true }])).toBe(false);
  });
});

describe('Go cross-slot-multi-key: hash-tagging key helpers of other files', () => {
  const CLUSTER_REPO = {
    path: 'users/repo.go',
    text: `package users${IMPORTS}var rdb = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:7000", "b:7000"}})\n\nvar _ = os.Getenv\n\nfunc Remove(ctx context.Context, id string) error {\n\tkeys := []string{userKey(id, "profile"), userKey(id, "settings")}\n\treturn rdb.Unlink(ctx, keys...).Err()\n}\n`,
  };

  it('leaves keys built by a helper of another file that tags them alone, even when that file never names Redis', () => {
    const keys = { path: 'users/keys.go', text: 'package users\n\nimport "fmt"\n\nfunc userKey(id, part string) string { return fmt.Sprintf("user:{%s}:%s", id, part) }\n' };
    expect(crossSlotLines(CLUSTER_REPO, [keys])).toEqual([]);
    expect(goHashTagHelpers(keys.text)).toEqual(new Set(['userKey']));
  });

  it('reports keys built by a helper that does not tag them', () => {
    const keys = { path: 'users/keys.go', text: 'package users\n\nimport "fmt"\n\nfunc userKey(id, part string) string {\n\treturn fmt.Sprintf("user:%s:%s", id, part)\n}\n' };
    expect(crossSlotLines(CLUSTER_REPO, [keys])).toEqual([15]);
  });
});

describe('Go hash tags in key helpers', () => {
  it('reads {…} in a key template as a tag, and JSON or text in braces as none', () => {
    expect(goHashTagHelpers('func a(id string) string { return fmt.Sprintf("cart:{%s}:items", id) }\n')).toEqual(new Set(['a']));
    expect(goHashTagHelpers('func b(id string) string {\n\treturn "user:{" + id + "}:profile"\n}\n')).toEqual(new Set(['b']));
    expect(goHashTagHelpers('func c() string { return `{"id":1}` }\nfunc d() string { return "{\\"id\\": 1}" }\nfunc e() string { return "{ not a tag }" }\n')).toEqual(new Set());
  });
});
