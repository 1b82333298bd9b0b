/**
 * The lines command-in-loop reports in a body written after a small module with one client (redis-py or ioredis),
 * for tests that pair a loop shape that must not be reported with the per-item shape that must.
 */
import { beforeAll } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

const PY = 'import redis\n\nr = redis.Redis()\n\n\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n";

type Language = 'python' | 'javascript' | 'typescript';

/**
 * Call at the top of a test file: `py(body)` and `ts(body)` give the reported lines (1-based, header included),
 * `loopLines(text, language)` those of a whole file.
 */
export function loopFindingLines(): { py: (body: string) => number[]; ts: (body: string) => number[]; loopLines: (text: string, language: Language) => number[] } {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });
  const loopLines = (text: string, language: Language) =>
    reviewSource(parsers, text, { path: language === 'python' ? 'app/jobs.py' : 'src/jobs.ts', language })
      .findings.filter((f) => f.ruleId === 'command-in-loop')
      .map((f) => f.span.start.line + 1);
  return { py: (body) => loopLines(PY + body, 'python'), ts: (body) => loopLines(TS + body, 'typescript'), loopLines };
}
