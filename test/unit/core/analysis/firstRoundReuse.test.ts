/**
 * Round two of indexing keeps round one's analysis of a file when the index answers every question that analysis
 * asked as no workspace does (the file mentions only its own helpers): the findings stay those of reviews made
 * afresh, and only files that read something from the index are analysed again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleReport, indexInputs, lintLoaded, lintSources, type LoadedFile } from '../../../../src/cli/lint/lintFiles';
import { analyzeTree } from '../../../../src/core/analysis/buildModel';
import { contextForPath } from '../../../../src/core/analysis/fileContext';
import { unindexedRecording } from '../../../../src/core/analysis/unindexedLookup';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, type FileAnalysis } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

/** Parsers that count the texts they parse (indexing without kept trees parses once per analysis). */
function counting(): { parsers: Parsers; parsed: string[] } {
  const parsed: string[] = [];
  const counted = Object.create(parsers) as Parsers;
  counted.parse = (language, text, previous) => {
    parsed.push(text);
    return parsers.parse(language, text, previous);
  };
  return { parsers: counted, parsed };
}

function loaded(files: Record<string, string>): LoadedFile[] {
  return Object.entries(files).map(([path, text]) => ({ path: `/project/${path}`, projectPath: path, displayPath: path, text }));
}

const OWN_HELPERS =
  "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n" +
  "export async function loadTag(id: string) {\n  return redis.smembers('tags:' + id);\n}\n\n" +
  'export async function loadTags(ids: string[]) {\n  const out = [];\n  for (const id of ids) out.push(await loadTag(id));\n  return out;\n}\n';

const PROJECT = {
  'src/cache.ts': "import Redis from 'ioredis';\nexport const store = new Redis();\nstore.on('error', console.error);\n",
  'src/tags.ts': OWN_HELPERS,
  'src/users.ts': "import { store } from './cache';\n\nexport async function warm(ids: string[]) {\n  for (const id of ids) await store.get('user:' + id);\n}\n",
};

describe('round one analyses kept by round two', () => {
  it('analyses with the unindexed recording as with no workspace', () => {
    const samples: [string, SourceLanguage, string][] = [
      ['src/tags.ts', 'typescript', OWN_HELPERS],
      ['app/store.py', 'python', 'import redis\nr = redis.Redis()\n\ndef load(ids):\n    for i in ids:\n        r.get(f"user:{i}")\n    return r.keys("user:*")\n'],
    ];
    for (const [path, language, text] of samples) {
      const tree = parsers.parse(language, text);
      try {
        const analyse = (workspace?: ReturnType<typeof unindexedRecording>): FileAnalysis => analyzeTree(tree, text, { path, language, context: contextForPath(path), workspace });
        expect(analyse(unindexedRecording())).toEqual(analyse());
      } finally {
        tree.delete();
      }
    }
  });

  it('analyses again only the files that read something from the index, with the findings of reviews made afresh', () => {
    const files = loaded(PROJECT);
    const { parsers: counted, parsed } = counting();
    buildWorkspaceIndex(counted, indexInputs(files));
    // Round one parses the two files that mention Redis (and cache.ts); round two only users.ts, which imports a client.
    expect(parsed).toEqual([PROJECT['src/cache.ts'], PROJECT['src/tags.ts'], PROJECT['src/users.ts']]);

    const kept = lintSources(files, [], { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000 });
    const analyses = new Map<string, FileAnalysis>();
    const workspace = buildWorkspaceIndex(parsers, indexInputs(files), analyses);
    analyses.clear();
    const afresh = assembleReport(files, files.map((file) => lintLoaded(file, { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000, workspace, analyses })), []);
    expect(kept).toEqual(afresh);
    const rules = (path: string) => kept.files.find((f) => f.displayPath === path)?.findings.map((f) => f.ruleId);
    expect(rules('src/tags.ts')).toContain('command-in-loop');
    expect(rules('src/users.ts')).toContain('command-in-loop');
  });
});
