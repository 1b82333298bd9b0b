/**
 * The lint keeps what indexing computed for the reviews (parsed trees, round two's analyses): the findings must
 * be those of reviews that start afresh, including when the index changed after round two analysed a file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleReport, indexInputs, lintLoaded, lintSources, type LoadedFile } from '../../../src/cli/lint/lintFiles';
import { KeptTrees } from '../../../src/core/analysis/keptTrees';
import { RecordedLookup } from '../../../src/core/analysis/recordedLookup';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { Parsers } from '../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, WorkspaceIndex, type FileAnalysis, type FileSummary } from '../../../src/core/review';
import { loadParsers } from '../core/rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loaded(files: Record<string, string>): LoadedFile[] {
  return Object.entries(files).map(([path, text]) => ({ path: `/project/${path}`, projectPath: path, displayPath: path, text }));
}

/** The lint as it ran before indexing left anything for the reviews: every review parses and analyses again. */
function lintAfresh(files: LoadedFile[]) {
  const analyses = new Map<string, FileAnalysis>();
  const workspace = buildWorkspaceIndex(parsers, indexInputs(files), analyses);
  const environment = { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000, workspace, analyses };
  return assembleReport(files, files.map((file) => lintLoaded(file, environment)), []);
}

// jobs.ts is analysed in round two before users.ts is: only afterwards does the index know loadUser sends a command.
const PROJECT = {
  'src/cache.ts': "import Redis from 'ioredis';\nexport const store = new Redis();\nstore.on('error', console.error);\n",
  'src/jobs.ts': "import { store } from './cache';\nimport { loadUser } from './users';\n\nexport async function warm(ids: string[]) {\n  for (const id of ids) {\n    await loadUser(id);\n  }\n  return store.ping();\n}\n",
  'src/users.ts': "import { store } from './cache';\n\nexport async function loadUser(id: string) {\n  return store.get('user:' + id);\n}\n\nexport async function everyone() {\n  return store.keys('user:*');\n}\n",
  'src/plain.ts': 'export const sum = (a: number, b: number) => a + b;\n',
};

describe('lint with what indexing kept', () => {
  it('reports what reviews made afresh report, also for a file whose round-two analysis the index outgrew', () => {
    const files = loaded(PROJECT);
    const kept = lintSources(files, [], { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000 });
    const afresh = lintAfresh(files);
    expect(kept).toEqual(afresh);
    const rules = (path: string) => kept.files.find((f) => f.displayPath === path)?.findings.map((f) => f.ruleId);
    expect(rules('src/jobs.ts')).toContain('command-in-loop');
    expect(rules('src/users.ts')).toContain('keys-command');
  });
});

describe('RecordedLookup', () => {
  const summary = (path: string, helpers: FileSummary['helpers']): FileSummary => ({ path, exports: [], errorListeners: [], keyCommands: [], helpers });

  it('holds while the index answers alike, and not once an answer changed', () => {
    const index = WorkspaceIndex.fromSummaries([summary('a.ts', [{ name: 'loadUser', command: 'GET', async: true, library: 'ioredis' }])]);
    const lookup = new RecordedLookup(index);
    expect(lookup.isRoundTripHelperName('loadUser')).toBe(true);
    expect(lookup.isRoundTripHelperName('saveUser')).toBe(false);
    index.update(summary('b.ts', []));
    expect(lookup.answersAlike(index)).toBe(true);
    index.update(summary('b.ts', [{ name: 'saveUser', command: 'SET', async: true, library: 'ioredis' }]));
    expect(lookup.answersAlike(index)).toBe(false);
  });
});

describe('WorkspaceIndex tables after updates', () => {
  it('answers from the summaries as they are now, whether or not an update changed them', () => {
    const index = new WorkspaceIndex();
    const a = (helpers: FileSummary['helpers'], errorListeners: string[], key: string): FileSummary => ({
      path: 'a.ts',
      exports: [],
      errorListeners,
      keyCommands: [{ command: 'GET', key }],
      helpers,
    });
    index.update(a([{ name: 'loadUser', command: 'GET', async: true, library: 'ioredis' }], ['cache.ts#store'], 'user:*'));
    expect(index.isRoundTripHelperName('loadUser')).toBe(true);
    expect(index.mentionsRoundTripHelper('await loadUser(id)')).toBe(true);
    expect(index.hasErrorListener('cache.ts#store')).toBe(true);
    expect(index.hasCommandOnKey(['GET'], 'user:*')).toBe(true);
    index.update(a([{ name: 'loadUser', command: 'GET', async: true, library: 'ioredis' }], ['cache.ts#store'], 'user:*'));
    expect(index.roundTripHelpers('loadUser')).toEqual([{ name: 'loadUser', command: 'GET', async: true, library: 'ioredis', path: 'a.ts' }]);
    index.update(a([{ name: 'saveUser', command: 'SET', async: true, library: 'ioredis' }], [], 'item:*'));
    expect(index.isRoundTripHelperName('loadUser')).toBe(false);
    expect(index.mentionsRoundTripHelper('await loadUser(id)')).toBe(false);
    expect(index.roundTripHelpers('saveUser').map((h) => h.command)).toEqual(['SET']);
    expect(index.hasErrorListener('cache.ts#store')).toBe(false);
    expect(index.hasCommandOnKey(['GET'], 'user:*')).toBe(false);
    expect(index.usesRedis).toBe(false);
    index.update({ path: 'cache.ts', exports: [{ name: 'store', kind: 'client', library: 'ioredis', async: true, returnsClient: false }], errorListeners: [], keyCommands: [] });
    expect(index.usesRedis).toBe(true);
    expect(index.mentionsExportingModule("from './cache'")).toBe(true);
    index.remove('cache.ts');
    expect(index.usesRedis).toBe(false);
    expect(index.mentionsExportingModule("from './cache'")).toBe(false);
  });
});

describe('KeptTrees', () => {
  it('hands out the kept tree of the same text, parses a changed text again, and frees a tree after its last use', () => {
    const trees = new KeptTrees();
    const text = "const a = 1;\n";
    const first = trees.withTree(parsers, 'typescript', 'a.ts', text, (tree) => tree);
    expect(trees.has('a.ts', text)).toBe(true);
    expect(trees.withTree(parsers, 'typescript', 'a.ts', text, (tree) => tree)).toBe(first);
    const changed = 'const b = 2;\n';
    expect(trees.withTree(parsers, 'typescript', 'a.ts', changed, (tree) => tree.rootNode.text)).toBe(changed);
    expect(trees.has('a.ts', text)).toBe(false);
    trees.withTree(parsers, 'typescript', 'a.ts', changed, () => undefined, true);
    expect(trees.has('a.ts', changed)).toBe(false);
  });

  it('keeps no more source than its budget', () => {
    const trees = new KeptTrees(10);
    expect(trees.withTree(parsers, 'typescript', 'big.ts', 'const longer = 1;\n', (tree) => tree.rootNode.type)).toBe('program');
    expect(trees.has('big.ts', 'const longer = 1;\n')).toBe(false);
    trees.clear();
  });
});
