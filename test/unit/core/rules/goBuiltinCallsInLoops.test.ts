/**
 * command-in-loop on Go: an unqualified call in a loop names a package-level function or a builtin, never a method.
 * Go's map `delete(values, k)` while clearing a session's values is not the store's `s.delete(session)` method that
 * sends DEL. Calls of the method (`s.delete(id)`) and of a package-level helper of the same file stay reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'sessions/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package sessions\n\nimport "github.com/gomodule/redigo/redis"\n\ntype Store struct {\n\tPool *redis.Pool\n}\n\n';
const DELETE_METHOD = 'func (s *Store) delete(id string) error {\n\tconn := s.Pool.Get()\n\tdefer conn.Close()\n\t_, err := conn.Do("DEL", "session:"+id)\n\treturn err\n}\n\n';

describe('Go command-in-loop: builtins are not the file\'s methods', () => {
  it('leaves the map delete that clears a session\'s values alone', () => {
    const text = HEAD + DELETE_METHOD + 'func (s *Store) Clear(id string, values map[string]any) error {\n\tif err := s.delete(id); err != nil {\n\t\treturn err\n\t}\n\tfor k := range values {\n\t\tdelete(values, k)\n\t}\n\treturn nil\n}\n';
    expect(loopLines(text)).toEqual([]);
  });

  it('reports the method called per id', () => {
    const text = HEAD + DELETE_METHOD + 'func (s *Store) Purge(ids []string) {\n\tfor _, id := range ids {\n\t\ts.delete(id)\n\t}\n}\n';
    expect(loopLines(text)).toEqual([18]);
  });

  it('reports a package-level helper called unqualified', () => {
    const text = HEAD + 'var pool *redis.Pool\n\nfunc forget(id string) error {\n\tconn := pool.Get()\n\tdefer conn.Close()\n\t_, err := conn.Do("DEL", "session:"+id)\n\treturn err\n}\n\nfunc Purge(ids []string) {\n\tfor _, id := range ids {\n\t\tforget(id)\n\t}\n}\n';
    expect(loopLines(text)).toEqual([20]);
  });
});
