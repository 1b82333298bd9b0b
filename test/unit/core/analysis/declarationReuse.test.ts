/**
 * Go and Java re-analysis after an edit keeps the declarations (Go) and methods (Java) the edit did not touch.
 * The reference is a whole-file analysis of the same tree: model and findings must be the same after every
 * kind of edit, and untouched code must actually be kept when the edit stays inside one function.
 */
import type { Tree } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { reuseNote } from '../../../../src/core/analysis/analysisState';
import { analyzeTree, type FileAnalysis } from '../../../../src/core/analysis/buildModel';
import { treeEditForChange } from '../../../../src/core/editor/treeEdit';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewTree, type ReviewResult } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

type Language = 'go' | 'java';

/** Everything an analysis and a review tell, as text (sets and maps as lists); bookkeeping for reuse left out. */
function observable(analysis: FileAnalysis, review: ReviewResult): string {
  return JSON.stringify({ model: analysis.model, helperCalls: analysis.helperCalls, truncated: analysis.truncated, findings: review.findings, writeSites: review.writeSites }, (_key, value: unknown) =>
    value instanceof Set ? [...value] : value instanceof Map ? [...value.entries()] : value,
  );
}

function position(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** A document as the editor holds it: text, an incrementally edited tree, and its last analysis and review. */
class EditedDocument {
  tree: Tree;
  review: ReviewResult;

  constructor(
    public text: string,
    private readonly language: Language,
    private readonly path: string,
  ) {
    this.tree = parsers.parse(language, text);
    this.review = reviewTree(this.tree, text, { path, language, keepForReuse: true });
  }

  /** Replaces `find` (the first occurrence after `after`) by `replace`; returns both analyses of the new text. */
  edit(find: string, replace: string, after = ''): { reused: number; incremental: string; whole: string } {
    const offset = this.text.indexOf(find, after ? this.text.indexOf(after) : 0);
    if (offset < 0) throw new Error(`no ${find} in the document`);
    const start = position(this.text, offset);
    const end = position(this.text, offset + find.length);
    this.tree.edit(treeEditForChange({ rangeOffset: offset, rangeLength: find.length, start, end, text: replace }));
    this.text = this.text.slice(0, offset) + replace + this.text.slice(offset + find.length);
    const next = parsers.parse(this.language, this.text, this.tree);
    this.tree.delete();
    this.tree = next;
    const options = { path: this.path, language: this.language, context: 'app' as const };
    const previous = this.review;
    const incrementalAnalysis = analyzeTree(this.tree, this.text, { ...options, previous: previous.incremental });
    const incrementalReview = reviewTree(this.tree, this.text, { path: this.path, language: this.language, previous });
    const wholeAnalysis = analyzeTree(this.tree, this.text, options);
    const wholeReview = reviewTree(this.tree, this.text, { path: this.path, language: this.language });
    this.review = incrementalReview;
    return { reused: incrementalReview.incremental?.reusedChunks ?? 0, incremental: observable(incrementalAnalysis, incrementalReview), whole: observable(wholeAnalysis, wholeReview) };
  }

  dispose(): void {
    this.tree.delete();
  }
}

const GO = `package app

import (
\t"context"
\t"time"

\t"github.com/gomodule/redigo/redis"
\tgoredis "github.com/redis/go-redis/v9"
)

type Service struct {
\trdb *goredis.Client
\tpool *redis.Pool
}

var shared = goredis.NewClient(&goredis.Options{Addr: "cache.internal:6379", DB: 2})

func NewService() *Service {
\treturn &Service{rdb: goredis.NewClient(&goredis.Options{Addr: "localhost:6379"}), pool: &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }}}
}

func (s *Service) Profile(ctx context.Context, id string) map[string]string {
\tprofile := s.rdb.HGetAll(ctx, "profile:"+id).Val()
\tstale := s.rdb.Keys(ctx, "tmp:"+id+":*").Val()
\t_ = stale
\treturn profile
}

func (s *Service) Cache(ctx context.Context, id string, payload []byte) {
\ts.rdb.Set(ctx, "view:"+id, payload, 0)
\ts.rdb.Expire(ctx, "view:"+id, 300*time.Second)
\tfor _, key := range []string{"a", "b", "c"} {
\t\tshared.Get(ctx, key)
\t}
}

func (s *Service) Count(id string) (int, error) {
\tconn := s.pool.Get()
\tn, err := redis.Int(conn.Do("INCR", "count:"+id))
\tif err != nil {
\t\treturn 0, err
\t}
\tdefer conn.Close()
\treturn n, nil
}

func (s *Service) Flush(ctx context.Context) {
\tshared.FlushAll(ctx)
}
`;

const JAVA = `package app;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import org.springframework.data.redis.core.StringRedisTemplate;
import java.util.List;
import java.util.Set;

public class Service {
    private final JedisPool pool = new JedisPool("localhost", 6379);
    private final StringRedisTemplate template;

    public Service(StringRedisTemplate template) {
        this.template = template;
    }

    public Set<String> stale(String id) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.keys("tmp:" + id + ":*");
        }
    }

    public void cache(String id, String payload) {
        Jedis jedis = pool.getResource();
        jedis.set("view:" + id, payload);
        jedis.expire("view:" + id, 300);
    }

    public void warm(List<String> ids) {
        for (String id : ids) {
            load(id);
        }
    }

    private String load(String id) {
        return template.opsForValue().get("item:" + id);
    }

    public void members(String id) {
        template.opsForSet().members("set:" + id);
    }
}
`;

describe('Go re-analysis after an edit', () => {
  it('agrees with a whole-file analysis after edits inside functions, added and removed functions, and changed client declarations', () => {
    const document = new EditedDocument(GO, 'go', 'internal/app/service.go');
    const inside = document.edit('\t_ = stale\n', '\t_ = stale\n\tcount := s.rdb.Get(ctx, "counter:"+id).Val()\n\t_ = count\n');
    expect(inside.incremental).toBe(inside.whole);
    // Everything but the edited function is kept.
    expect(inside.reused).toBe(8);
    // The editor's log names what was kept in Go's terms.
    expect(reuseNote(document.review.incremental)).toMatch(/^8 of \d+ top-level declarations reused$/);
    const atColumnZero = document.edit('\ts.rdb.Expire(', 'x := 1\n_ = x\n\ts.rdb.Expire(');
    expect(atColumnZero.incremental).toBe(atColumnZero.whole);
    expect(atColumnZero.reused).toBe(8);
    const added = document.edit('func (s *Service) Flush', 'func (s *Service) Scan(ctx context.Context) []string {\n\treturn shared.Keys(ctx, "*").Val()\n}\n\nfunc (s *Service) Flush');
    expect(added.incremental).toBe(added.whole);
    expect(added.reused).toBeGreaterThan(0);
    const removed = document.edit('func (s *Service) Count(id string) (int, error) {', 'func (s *Service) CountGone(id string) (int, error) {');
    expect(removed.incremental).toBe(removed.whole);
    const deleted = document.text.slice(document.text.indexOf('func (s *Service) CountGone'), document.text.indexOf('func (s *Service) Scan'));
    const gone = document.edit(deleted, '');
    expect(gone.incremental).toBe(gone.whole);
    // The package-level client other functions use becomes a cluster client: they are analysed again.
    const client = document.edit('var shared = goredis.NewClient(&goredis.Options{Addr: "cache.internal:6379", DB: 2})', 'var shared = goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: []string{"a:6379", "b:6379"}})');
    expect(client.incremental).toBe(client.whole);
    // A struct field's type changes what every method's receiver is.
    const field = document.edit('\trdb *goredis.Client\n', '\trdb goredis.UniversalClient\n');
    expect(field.incremental).toBe(field.whole);
    // A function starts assigning a client to a field: the functions after it see that field.
    const assigned = document.edit('func (s *Service) Flush(ctx context.Context) {\n', 'func (s *Service) Flush(ctx context.Context) {\n\ts.audit = goredis.NewClient(&goredis.Options{})\n\ts.audit.FlushDB(ctx)\n', 'func (s *Service) Flush');
    expect(assigned.incremental).toBe(assigned.whole);
    const imports = document.edit('\t"time"\n', '\t"time"\n\t"fmt"\n');
    expect(imports.incremental).toBe(imports.whole);
    // A call outside any function (a half-typed file) names no block: typing above the package clause keeps that.
    const stray = document.edit('func (s *Service) Flush(ctx context.Context) {\n', '');
    expect(stray.incremental).toBe(stray.whole);
    const above = document.edit('package app', 'let y = 2;\npackage app');
    expect(above.incremental).toBe(above.whole);
    document.dispose();
  });
});

describe('Java re-analysis after an edit', () => {
  it('agrees with a whole-file analysis after edits inside methods, added and removed methods, and changed client declarations', () => {
    const document = new EditedDocument(JAVA, 'java', 'src/main/java/app/Service.java');
    const inside = document.edit('        jedis.expire("view:" + id, 300);\n', '        jedis.expire("view:" + id, 300);\n        jedis.hgetAll("profile:" + id);\n');
    expect(inside.incremental).toBe(inside.whole);
    expect(inside.reused).toBe(5);
    // The editor's log names what was kept in Java's terms.
    expect(reuseNote(document.review.incremental)).toMatch(/^5 of \d+ methods and constructors reused$/);
    const atColumnZero = document.edit('            load(id);\n', 'jedis.get("x");\n            load(id);\n');
    expect(atColumnZero.incremental).toBe(atColumnZero.whole);
    const added = document.edit('    public void members', '    public void scan() {\n        try (Jedis jedis = pool.getResource()) {\n            jedis.keys("*");\n        }\n    }\n\n    public void members');
    expect(added.incremental).toBe(added.whole);
    expect(added.reused).toBeGreaterThan(0);
    const renamed = document.edit('private String load(String id)', 'private String fetch(String id)');
    expect(renamed.incremental).toBe(renamed.whole);
    const deleted = document.text.slice(document.text.indexOf('    public void scan()'), document.text.indexOf('    public void members'));
    const removed = document.edit(deleted, '');
    expect(removed.incremental).toBe(removed.whole);
    // The template field other methods use changes type: those methods are analysed again.
    const field = document.edit('private final StringRedisTemplate template;', 'private final Object template;');
    expect(field.incremental).toBe(field.whole);
    const imports = document.edit('import java.util.Set;\n', 'import java.util.Set;\nimport java.util.Map;\n');
    expect(imports.incremental).toBe(imports.whole);
    document.dispose();
  });
});
