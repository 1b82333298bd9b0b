/**
 * Precision and recall on realistic sample applications (FastAPI + redis-py, Express + ioredis, a node-redis
 * worker). Known findings are marked in the sources with `expect: <rule-id>`; every other finding counts as a
 * false positive. The apps are reviewed as the CLI does: with a workspace index over all their files.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

const APPS = join(__dirname, '..', '..', '..', 'fixtures', 'apps');
const MARKER = /(?:#|\/\/)\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

interface Score {
  truePositives: string[];
  falsePositives: string[];
  falseNegatives: string[];
}

function scoreApp(app: string): Score {
  const root = join(APPS, app);
  const sources = files(root)
    .filter((f) => languageForPath(f))
    .map((f) => ({ path: relative(root, f).replace(/\\/g, '/'), text: readFileSync(f, 'utf8') }));
  const workspace = buildWorkspaceIndex(parsers, sources);
  const expected = new Set<string>();
  const actual = new Set<string>();
  for (const { path, text } of sources) {
    text.split('\n').forEach((line, index) => {
      const match = MARKER.exec(line);
      if (match) for (const id of match[1].split(/\s*,\s*/)) expected.add(`${path}:${index + 1}:${id}`);
    });
    const result = reviewSource(parsers, text, { path, language: languageForPath(path)!, workspace });
    for (const finding of result.findings) actual.add(`${path}:${finding.span.start.line + 1}:${finding.ruleId}`);
  }
  return {
    truePositives: [...actual].filter((f) => expected.has(f)),
    falsePositives: [...actual].filter((f) => !expected.has(f)),
    falseNegatives: [...expected].filter((f) => !actual.has(f)),
  };
}

describe('sample applications', () => {
  const apps = readdirSync(APPS).filter((name) => statSync(join(APPS, name)).isDirectory());
  const total: Score = { truePositives: [], falsePositives: [], falseNegatives: [] };

  for (const app of apps) {
    it(`${app}: finds the known problems without false alarms`, () => {
      const score = scoreApp(app);
      total.truePositives.push(...score.truePositives);
      total.falsePositives.push(...score.falsePositives);
      total.falseNegatives.push(...score.falseNegatives);
      const precision = score.truePositives.length / Math.max(1, score.truePositives.length + score.falsePositives.length);
      const recall = score.truePositives.length / Math.max(1, score.truePositives.length + score.falseNegatives.length);
      console.log(`${app}: precision ${precision.toFixed(2)} recall ${recall.toFixed(2)} (TP ${score.truePositives.length}, FP ${score.falsePositives.length}, FN ${score.falseNegatives.length})\n  FP: ${score.falsePositives.join(' ')}\n  FN: ${score.falseNegatives.join(' ')}`);
      expect(score.truePositives.length).toBeGreaterThan(5);
    });
  }

  it('reaches precision ≥ 0.9 and recall ≥ 0.8 over all apps', () => {
    const tp = total.truePositives.length;
    const precision = tp / (tp + total.falsePositives.length);
    const recall = tp / (tp + total.falseNegatives.length);
    console.log(`all sample apps: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (TP ${tp}, FP ${total.falsePositives.length}, FN ${total.falseNegatives.length})`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
