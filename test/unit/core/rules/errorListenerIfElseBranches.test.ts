/** missing-error-listener: a field or variable set in either branch of an if/else holds one client, reported once. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/store.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener and if/else branches', () => {
  it('reports a field set in both branches of an if/else once, at the first branch', () => {
    const text =
      "import Redis from 'ioredis';\n\nexport class Store {\n  private client: Redis;\n\n  constructor() {\n    if (process.env.STORE_URL) {\n      this.client = new Redis(process.env.STORE_URL);\n    } else {\n      this.client = new Redis({ host: 'localhost', port: 6379 });\n    }\n  }\n\n  read(key: string) {\n    return this.client.get(key);\n  }\n}\n";
    expect(listenerLines(text)).toEqual([8]);
  });

  it('reports a module variable a function sets in either branch once', () => {
    const text =
      "import Redis from 'ioredis';\n\nlet shared: Redis | null = null;\n\nexport async function warmUp(): Promise<void> {\n  if (!shared) {\n    if (process.env.STORE_URL) shared = new Redis(process.env.STORE_URL);\n    else shared = new Redis();\n  }\n  await shared.ping();\n}\n";
    expect(listenerLines(text)).toEqual([7]);
  });

  it('reports two fields set in the two branches separately (two clients)', () => {
    const text =
      "import Redis from 'ioredis';\n\nexport class Pair {\n  private reader?: Redis;\n  private writer?: Redis;\n\n  constructor(readOnly: boolean) {\n    if (readOnly) {\n      this.reader = new Redis();\n    } else {\n      this.writer = new Redis();\n    }\n  }\n\n  get(key: string) {\n    return (this.reader ?? this.writer)!.get(key);\n  }\n}\n";
    expect(listenerLines(text)).toEqual([9, 11]);
  });

  it('reports the same field set again by another method as another client', () => {
    const text =
      "import Redis from 'ioredis';\n\nexport class Reconnecting {\n  private client = new Redis();\n\n  reset() {\n    this.client.disconnect();\n    this.client = new Redis();\n  }\n\n  get(key: string) {\n    return this.client.get(key);\n  }\n}\n";
    expect(listenerLines(text)).toEqual([4, 8]);
  });
});
