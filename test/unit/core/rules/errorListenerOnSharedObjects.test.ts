/** missing-error-listener: a client kept on a shared object is listened to through the same property path. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(path: string, lines: string[]): number[] {
  return reviewSource(parsers, lines.join('\n'), { path, language: path.endsWith('.ts') ? 'typescript' : 'javascript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener and clients held on global or app objects', () => {
  it('takes a listener attached through global, globalThis or app.locals for the client assigned there', () => {
    expect(
      listenerLines('server/boot.js', [
        "const redis = require('redis');",
        "const Redis = require('ioredis');",
        '',
        'module.exports.start = async (app, settings) => {',
        '  global.sessionStore = redis.createClient({ url: settings.sessionUrl });',
        "  global.sessionStore.on('error', (err) => console.error('session store', err));",
        '  await global.sessionStore.connect();',
        '  globalThis.queueRedis = new Redis(settings.queueUrl);',
        "  globalThis.queueRedis.once('error', console.error);",
        '  app.locals.rates = redis.createClient();',
        '  app.locals.rates.on("error", console.error);',
        '};',
      ]),
    ).toEqual([]);
  });

  it('still reports a client whose own path gets no listener', () => {
    expect(
      listenerLines('server/pubsub.js', [
        "const redis = require('redis');",
        '',
        'module.exports.start = async (app) => {',
        '  global.publisher = redis.createClient();',
        "  global.publisher.on('error', console.error);",
        '  global.subscriber = redis.createClient();',
        "  global.subscriber.on('end', () => console.log('closed'));",
        '  app.locals.cache = redis.createClient();',
        "  app.locals.audit.on('error', console.error);",
        '  await Promise.all([global.publisher.connect(), global.subscriber.connect(), app.locals.cache.connect()]);',
        '};',
      ]),
    ).toEqual([6, 8]);
  });
});
