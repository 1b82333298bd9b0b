/**
 * select-db on Go: a database number the client-building function takes as a parameter is one client per database
 * number, as the Python check reads it; a generic connection helper whose address is a parameter too connects
 * wherever it is told, a builder the file only calls with 0 connects to database 0, and a number read from a
 * configuration struct is the deployment's choice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const SOURCE = [
  'package store',
  '',
  'import (',
  '\t"github.com/redis/go-redis/v9"',
  '\t"github.com/redis/rueidis"',
  ')',
  '',
  'type Config struct {',
  '\tAddr string',
  '\tDB   int',
  '}',
  '',
  'func NewStore(db int) *redis.Client {',
  '\treturn redis.NewClient(&redis.Options{Addr: "cache:6379", DB: db})',
  '}',
  '',
  'func Open(name string, db int) (rueidis.Client, error) {',
  '\treturn rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"redis:6379"}, SelectDB: db, ClientName: name})',
  '}',
  '',
  'func New(address, password string, db int) *redis.Client {',
  '\treturn redis.NewClient(&redis.Options{Addr: address, Password: password, DB: db})',
  '}',
  '',
  'func Dial(host string, port int, db int) *redis.Client {',
  '\treturn redis.NewClient(&redis.Options{Addr: fmt.Sprintf("%s:%d", host, port), DB: db})',
  '}',
  '',
  'func Connect(conf *Config, db int) *redis.Client {',
  '\taddr := fmt.Sprintf("%s/%d", conf.Addr, db)',
  '\treturn redis.NewClient(&redis.Options{Addr: addr, DB: db})',
  '}',
  '',
  'func ConnectDefault() *redis.Client {',
  '\treturn ConnectDB(0)',
  '}',
  '',
  'func ConnectDB(db int) *redis.Client {',
  '\treturn redis.NewClient(&redis.Options{Addr: "cache:6379", DB: db})',
  '}',
  '',
  'func FromConfig(cfg Config) *redis.Client {',
  '\treturn redis.NewClient(&redis.Options{Addr: "cache:6379", DB: cfg.DB})',
  '}',
  '',
].join('\n');

describe('Go select-db: the database a client builder takes as a parameter', () => {
  it('reports a builder with a fixed address, not a generic helper given the address too (also through a local), one the file only calls with 0, or a configured number', () => {
    const lines = reviewSource(parsers, SOURCE, { path: 'store/store.go', language: 'go' })
      .findings.filter((f) => f.ruleId === 'select-db')
      .map((f) => f.span.start.line + 1);
    expect(lines).toEqual([14, 18]);
  });
});
