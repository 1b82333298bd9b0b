/** node-redis v3 takes a container command's subcommand as the first item of the argument array. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function adminLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/expiry.js', language: 'javascript' })
    .findings.filter((f) => f.ruleId === 'admin-command-in-app')
    .map((f) => f.span.start.line + 1);
}

const CLIENT = "const redis = require('redis');\nconst client = redis.createClient(process.env.REDIS_URL);\nclient.on('error', console.error);\n";

describe('admin-command-in-app with the subcommand in an argument array', () => {
  it("reports send_command('config', ['set', ...]) as CONFIG SET", () => {
    const text = CLIENT + "\nfunction watchExpiries(done) {\n  client.send_command('config', ['set', 'notify-keyspace-events', 'Ex'], done);\n}\n";
    expect(adminLines(text)).toEqual([6]);
  });

  it("leaves CONFIG GET and other read-only subcommands alone", () => {
    const text = CLIENT + "\nfunction eventsSetting(done) {\n  client.send_command('config', ['get', 'notify-keyspace-events'], done);\n  client.send_command('client', ['list'], done);\n}\n";
    expect(adminLines(text)).toEqual([]);
  });
});
