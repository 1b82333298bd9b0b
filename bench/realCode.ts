/**
 * The real-code benchmark: precision, recall and F1 per rule of `redis-review lint` on hand-labelled files of
 * public projects, for the tuning half and the held-aside fifth.
 *   npx tsx bench/realCode.ts [--show dev|all] [--hits] [--repo owner/name] [--mirrors DIR] [--json FILE]
 * Snapshots of the labelled repositories are read from --mirrors (default: REAL_CODE_MIRRORS or ../.mirror);
 * their files are extracted to bench/real-code/.cache (git-ignored) and linted as the CLI lints a project.
 * --show dev lists the tuning half's misses and false positives; held-aside files are only counted unless
 * --show all is given (keep them unseen while tuning).
 */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { kindFor } from '../src/cli/lint/fileKinds';
import { lintProject } from '../src/cli/lint/parallel/lintProject';
import { DEFAULT_CONFIG } from '../src/core/config';
import { sharedParsers } from '../src/core/parsing/parsers';
import { diskGrammarSource } from '../src/node/grammarFiles';
import { collectFiles } from '../src/node/workspaceFiles';
import { loadLabels, type LabelledFile } from './real-code/labels';
import { canMaterialise, materialise } from './real-code/materialise';
import { matchFile, ratios, tallyByRule, type Outcome, type ReportedFinding, type Tally } from './real-code/score';

const here = resolve(__dirname);
const { values } = parseArgs({
  options: {
    show: { type: 'string' },
    hits: { type: 'boolean' },
    repo: { type: 'string' },
    mirrors: { type: 'string' },
    json: { type: 'string' },
    labels: { type: 'string' },
  },
});
const mirrors = resolve(values.mirrors ?? process.env.REAL_CODE_MIRRORS ?? join(here, '..', '..', '.mirror'));
const cache = join(here, 'real-code', '.cache');
const labels = loadLabels(values.labels ?? join(here, 'real-code', 'labels.json'));

function pct(x: number): string {
  return x.toFixed(2);
}

function row(name: string, t: Tally | undefined): string {
  const tally = t ?? { tp: 0, fp: 0, fn: 0 };
  const { precision, recall, f1 } = ratios(tally);
  return `${String(tally.tp).padStart(4)} ${String(tally.fp).padStart(3)} ${String(tally.fn).padStart(3)}  ${pct(precision)} ${pct(recall)} ${pct(f1)}`;
}

async function lintCheckout(directory: string, root: string | undefined): Promise<Map<string, ReportedFinding[]>> {
  const projectRoot = root ? join(directory, root) : directory;
  const paths = collectFiles([projectRoot], { root: projectRoot, accept: (path) => kindFor(path) !== undefined, ignoreGlobs: DEFAULT_CONFIG.ignore });
  const parsers = await sharedParsers(diskGrammarSource);
  // No time budget: the figures must not depend on how busy the machine is (a per-file budget is wall-clock
  // time, so a slow enough machine would cut large files short and drop their findings).
  const report = await lintProject(paths, projectRoot, projectRoot, { parsers, config: DEFAULT_CONFIG, timeBudgetMs: Number.POSITIVE_INFINITY }, { jobs: 1 });
  for (const notice of report.notices) if (!/skipped/i.test(notice)) process.stderr.write(`\n${notice}\n`);
  const byFile = new Map<string, ReportedFinding[]>();
  for (const file of report.files) {
    const path = relative(directory, file.path).replace(/\\/g, '/');
    byFile.set(
      path,
      file.findings.map((f) => ({ line: f.span.start.line + 1, rule: f.ruleId, confidence: (f as { confidence?: string }).confidence, message: f.message })),
    );
  }
  return byFile;
}

async function main(): Promise<void> {
  const chosen = labels.files.filter((f) => !values.repo || f.repo === values.repo);
  // A machine may hold snapshots of only some repositories (fetching is rationed): the rest are left out and
  // named, so that figures are only compared between runs that measured the same repositories.
  const files = chosen.filter((f) => canMaterialise(mirrors, cache, f.repo, f.commit));
  const absent = [...new Set(chosen.filter((f) => !files.includes(f)).map((f) => f.repo))].sort();
  if (values.repo && !files.length) throw new Error(`no snapshot of ${values.repo} under ${mirrors}: fetch the repository first`);
  const groups = new Map<string, LabelledFile[]>();
  for (const file of files) {
    const key = `${file.repo}@${file.commit}@${file.root ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const outcomes: Outcome[] = [];
  let done = 0;
  for (const group of groups.values()) {
    const { repo, commit, root } = group[0];
    const checkout = materialise(mirrors, cache, repo, commit);
    const findings = await lintCheckout(checkout.directory, root);
    for (const file of group) outcomes.push(matchFile(file, findings.get(file.path) ?? []));
    process.stderr.write(`\r${++done}/${groups.size} repositories linted`);
  }
  process.stderr.write('\n');

  const halves = { dev: outcomes.filter((o) => o.file.split === 'dev'), holdout: outcomes.filter((o) => o.file.split === 'holdout') };
  const dev = tallyByRule(halves.dev);
  const holdout = tallyByRule(halves.holdout);
  const all = tallyByRule(outcomes);
  const repos = new Set(files.map((f) => f.repo)).size;
  const labelCount = files.reduce((n, f) => n + f.findings.length, 0);
  console.log(`Real-code benchmark: ${files.length} files from ${repos} repositories, ${labelCount} labelled findings`);
  console.log(`  tuning half: ${halves.dev.length} files; held aside: ${halves.holdout.length} files`);
  if (absent.length) {
    console.log(`  left out, no snapshot under ${mirrors}: ${chosen.length - files.length} files of ${absent.length} repositories (${absent.join(', ')})`);
  }
  console.log('');
  console.log(`${'rule'.padEnd(34)} | ${'all: TP  FP  FN  P    R    F1'.padEnd(32)} | ${'tuning: TP  FP  FN  P    R    F1'.padEnd(33)} | held aside: TP FP FN P R F1`);
  const rules = [...all.keys()].filter((r) => r !== 'overall').sort();
  for (const rule of [...rules, 'overall']) console.log(`${rule.padEnd(34)} | ${row(rule, all.get(rule)).padEnd(32)} | ${row(rule, dev.get(rule)).padEnd(33)} | ${row(rule, holdout.get(rule))}`);

  if (halves.holdout.some((o) => o.file.heldReadAt)) {
    const clean = halves.holdout.filter((o) => !o.file.heldReadAt);
    const read = new Set(halves.holdout.filter((o) => o.file.heldReadAt).map((o) => o.file.repo)).size;
    console.log(`${'held, clean'.padEnd(34)} | ${row('overall', tallyByRule(clean).get('overall'))}   (${clean.length} files; without the ${read} repositories whose labels were read while tuning)`);
    console.log(`${'held, all'.padEnd(34)} | ${row('overall', holdout.get('overall'))}   (${halves.holdout.length} files)`);
  }

  const byConfidence = new Map<string, Tally>();
  for (const o of outcomes) {
    for (const m of o.truePositives) {
      const t = byConfidence.get(m.finding.confidence ?? 'none') ?? { tp: 0, fp: 0, fn: 0 };
      t.tp++;
      byConfidence.set(m.finding.confidence ?? 'none', t);
    }
    for (const f of o.falsePositives) {
      const t = byConfidence.get(f.confidence ?? 'none') ?? { tp: 0, fp: 0, fn: 0 };
      t.fp++;
      byConfidence.set(f.confidence ?? 'none', t);
    }
  }
  console.log('\nBy confidence (all files): ' + [...byConfidence].map(([c, t]) => `${c}: ${t.tp} right, ${t.fp} wrong (precision ${pct(ratios(t).precision)})`).join('; '));
  const negativesHit = outcomes.flatMap((o) => o.file.negatives.filter((n) => o.falsePositives.some((f) => f.line === n.line)).map((n) => ({ o, n })));
  const negatives = outcomes.reduce((n, o) => n + o.file.negatives.length, 0);
  console.log(`Tricky negatives: ${negatives} labelled, ${negativesHit.length} reported`);

  if (values.show === 'dev' || values.show === 'all') {
    const shown = values.show === 'all' ? outcomes : halves.dev;
    console.log(`\n--- ${values.show === 'all' ? 'all files' : 'tuning half'}: misses and false positives`);
    for (const o of shown) {
      if (!o.falseNegatives.length && !o.falsePositives.length && !(values.hits && o.truePositives.length)) continue;
      console.log(`${o.file.repo} ${o.file.path}`);
      if (values.hits) for (const m of o.truePositives) console.log(`  hit ${m.finding.line} ${m.label.rule} (${m.finding.confidence ?? '-'}): ${m.finding.message}`);
      for (const l of o.falseNegatives) console.log(`  miss ${l.line} ${l.rule}: ${l.why}`);
      for (const f of o.falsePositives) console.log(`  extra ${f.line} ${f.rule} (${f.confidence ?? '-'}): ${f.message}`);
    }
  }
  if (values.json) {
    const table = Object.fromEntries([...rules, 'overall'].map((r) => [r, { all: { ...all.get(r), ...ratios(all.get(r) ?? { tp: 0, fp: 0, fn: 0 }) }, dev: dev.get(r) ?? null, holdout: holdout.get(r) ?? null }]));
    writeFileSync(values.json, JSON.stringify(table, null, 2));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
