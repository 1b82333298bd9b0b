/**
 * Go request handlers whose request parameter is a pointer (`c *gin.Context`, `c *fiber.Ctx`, `r *http.Request`,
 * `ctx *fasthttp.RequestCtx`) are request handlers like `w http.ResponseWriter` ones: a client created in one is
 * created per request, whatever the handler is named (`CreateOrder`) and also in an anonymous handler. A
 * constructor taking no request that builds the client is still start-up code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'api/orders.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const GIN = 'package api\n\nimport (\n\t"github.com/gin-gonic/gin"\n\t"github.com/redis/go-redis/v9"\n)\n\n';
const FIBER = 'package api\n\nimport (\n\t"github.com/gofiber/fiber/v2"\n\t"github.com/redis/go-redis/v9"\n)\n\n';

describe('Go client-per-request: handlers with a pointer request parameter', () => {
  it('reports a client made in a gin handler named CreateOrder', () => {
    const text = GIN + 'func CreateOrder(c *gin.Context) {\n\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\tdefer rdb.Close()\n\trdb.Incr(c, "orders")\n}\n';
    expect(lines(text)).toEqual([9]);
  });

  it('reports a client made in an anonymous fiber handler', () => {
    const text = FIBER + 'func Routes(app *fiber.App) {\n\tapp.Post("/orders", func(c *fiber.Ctx) error {\n\t\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\t\tdefer rdb.Close()\n\t\treturn rdb.Incr(c.Context(), "orders").Err()\n\t})\n}\n';
    expect(lines(text)).toEqual([10]);
  });

  it('does not report a constructor that takes no request', () => {
    const text = GIN + 'type Store struct{ rdb *redis.Client }\n\nfunc CreateStore(addr string) *Store {\n\treturn &Store{rdb: redis.NewClient(&redis.Options{Addr: addr})}\n}\n\nfunc (s *Store) Count(c *gin.Context) {\n\ts.rdb.Incr(c, "orders")\n}\n';
    expect(lines(text)).toEqual([]);
  });
});
