/**
 * Go client-per-request (redigo): redigo has no client object, so a connection a function dials (`redis.Dial`) and
 * closes again before returning is its client per call - a TCP handshake for every call of a model helper or
 * handler. A pool's Dial func, main, a constructor that hands the connection back, a subscriber that keeps its
 * connection for an endless receive loop and a helper only main calls are not reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, path = 'model/captcha.go'): number[] {
  return reviewSource(parsers, text, { path, language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package model\n\nimport (\n\t"net/http"\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\n';
const DIAL = 'redis.Dial("tcp", "127.0.0.1:6379", redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))';

describe('Go client-per-request: redigo connections dialled per call', () => {
  it('reports a model helper that dials, sends one command and closes', () => {
    const text = HEAD + `func SaveImg(code, uuid string) error {\n\tconn, err := ${DIAL}\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer conn.Close()\n\t_, err = conn.Do("SETEX", uuid, 300, code)\n\treturn err\n}\n`;
    expect(lines(text)).toEqual([11]);
  });

  it('reports a handler that dials per request', () => {
    const text = HEAD + `func Visit(w http.ResponseWriter, r *http.Request) {\n\tconn, err := ${DIAL}\n\tif err != nil {\n\t\treturn\n\t}\n\tdefer conn.Close()\n\tconn.Do("INCR", "visits")\n}\n`;
    expect(lines(text)).toEqual([11]);
  });

  it('does not report a pool Dial func, main, or a constructor handing the connection back', () => {
    const pool = HEAD + `var Pool = &redis.Pool{\n\tDial: func() (redis.Conn, error) {\n\t\treturn ${DIAL}\n\t},\n}\n`;
    const main = 'package main\n\nimport (\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\n' + `func main() {\n\tconn, err := ${DIAL}\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer conn.Close()\n\tconn.Do("SET", "k", "v")\n}\n`;
    const ctor = HEAD + `func Open() (redis.Conn, error) {\n\tconn, err := ${DIAL}\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn conn, nil\n}\n`;
    expect(lines(pool)).toEqual([]);
    expect(lines(main, 'cmd/tool/main.go')).toEqual([]);
    expect(lines(ctor)).toEqual([]);
  });

  it('does not report a subscriber that keeps its connection for an endless receive loop', () => {
    const text = HEAD + `func listen(channel string) {\n\tconn, err := ${DIAL}\n\tif err != nil {\n\t\treturn\n\t}\n\tdefer conn.Close()\n\tconn.Send("SUBSCRIBE", channel)\n\tconn.Flush()\n\tfor {\n\t\tconn.Receive()\n\t}\n}\n`;
    expect(lines(text)).toEqual([]);
  });
});
