/**
 * Editor latency: typing in a 3,000-line Python file, how long after the last keystroke are the diagnostics
 * current? Replays the editor's own pipeline outside VS Code: every keystroke edits the kept tree
 * (as DocumentTrees describes it), the same KeyedDebouncer delays the review, then the incremental
 * re-parse + reviewTree run with the document's previous review (statements the edit did not touch keep their
 * analysis, as in DocumentReviewer). Also prints the engine's per-run cost after a one-line edit, next to a
 * full parse + review of the same text (the peer, run over the series' texts after it), and the ratio; a line typed at
 * column 0 inside a function is deleted again after its run, and that deletion is measured too. The re-parse
 * and the review are also printed apart: in Python an edit at a block boundary (a line typed between two
 * functions, after a function's last line, or as the first line of a body) starts in the lookahead of the zero-width
 * NEWLINE/DEDENT/INDENT tokens there; described to tree-sitter as it was typed, it makes tree-sitter-python refuse
 * every old node after it and lex the rest of the file again (node ids after the edit: none shared), as long as a
 * whole parse. The editor describes a Python change from an earlier line inside a run of equally indented statements
 * (changeFromStableLine, in DocumentTrees), and so does this bench.
 *
 *   npx tsx bench/editorLatency.ts [--language python|java|go] [--bursts 40] [--debounce 150] [--keystroke-gap 40] [--runs 200]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Tree } from 'web-tree-sitter';
import { KeyedDebouncer } from '../src/core/editor/keyedDebouncer';
import { changeFromStableLine, changeOverIndentedStatements, linesAfter, linesUpTo, topLevelStatementsFrom, treeEditForChange, type TextChange, type TreePoint } from '../src/core/editor/treeEdit';
import { sharedParsers } from '../src/core/parsing/parsers';
import { reviewTree, type ReviewResult } from '../src/core/review';
import { diskGrammarSource } from '../src/node/grammarFiles';
import { largeGoSource } from './goSource';

const { values } = parseArgs({
  strict: false,
  options: {
    bursts: { type: 'string', default: '40' },
    debounce: { type: 'string', default: '100' },
    'keystroke-gap': { type: 'string', default: '40' },
    runs: { type: 'string', default: '200' },
    language: { type: 'string', default: 'python' },
  },
});
const BURSTS = Number(values.bursts);
const DEBOUNCE_MS = Number(values.debounce);
const KEYSTROKE_GAP_MS = Number(values['keystroke-gap']);
const RUNS = Number(values.runs);
const WARMUP_RUNS = 20;
const LANGUAGE = values.language === 'java' ? 'java' : values.language === 'go' ? 'go' : 'python';
const PATH = LANGUAGE === 'java' ? 'src/main/java/app/LargeService.java' : LANGUAGE === 'go' ? 'internal/app/large_service.go' : 'app/services/large_service.py';
/** A statement typed into the file, in the file's language. */
const statement = (name: string, value: string) =>
  LANGUAGE === 'java' ? `Object ${name} = ${value.replace('r.get', 'jedis.get')};` : LANGUAGE === 'go' ? `${name} := ${value.replace('r.get(', 's.rdb.Get(ctx, ')}` : `${name} = ${value}`;

/** A realistic 3,000-line redis-py service: many handlers, some risky calls, plenty of non-Redis code. */
export function largePythonSource(lines = 3000): string {
  const out = ['"""A large generated service module (editor latency benchmark)."""', 'import json', 'import os', '', 'import redis', '', 'r = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"), socket_timeout=5)', '', ''];
  let index = 0;
  while (out.length < lines - 12) {
    const n = index++;
    out.push(
      `def handler_${n}(user_id, payload):`,
      `    """Handler ${n}: reads a profile, caches a view, records an event."""`,
      `    profile = r.hgetall(f"profile:{user_id}")`,
      `    settings = {"theme": "dark", "n": ${n}}`,
      `    names = list(settings.keys())`,
      `    if not profile:`,
      `        r.set(f"view:${n}:{user_id}", json.dumps(payload))`,
      `        r.expire(f"view:${n}:{user_id}", 300)`,
      n % 25 === 0 ? `    stale = r.keys("tmp:${n}:*")` : `    stale = r.get(f"counter:${n}")`,
      `    total = sum(len(name) for name in names) + ${n}`,
      `    return {"profile": profile, "total": total, "stale": stale}`,
      '',
      '',
    );
  }
  while (out.length < lines) out.push(`# padding line ${out.length}`);
  return out.join('\n') + '\n';
}

/** The same service in Java: a Jedis pool, 3,000 lines of handlers with the same risky and plain calls. */
export function largeJavaSource(lines = 3000): string {
  const out = ['package app;', '', 'import redis.clients.jedis.Jedis;', 'import redis.clients.jedis.JedisPool;', 'import java.util.Map;', '', 'public class LargeService {', '    private final JedisPool pool = new JedisPool("localhost", 6379);', ''];
  let index = 0;
  while (out.length < lines - 14) {
    const n = index++;
    out.push(
      `    public Object handler${n}(String userId, String payload) {`,
      `        // Handler ${n}: reads a profile, caches a view, records an event.`,
      '        try (Jedis jedis = pool.getResource()) {',
      `            Map<String, String> profile = jedis.hgetAll("profile:" + userId);`,
      `            Map<String, Integer> settings = Map.of("n", ${n});`,
      '            if (profile.isEmpty()) {',
      `                jedis.set("view:${n}:" + userId, payload);`,
      `                jedis.expire("view:${n}:" + userId, 300);`,
      '            }',
      n % 25 === 0 ? `            Object stale = jedis.keys("tmp:${n}:*");` : `            Object stale = jedis.get("counter:${n}");`,
      `            return settings.size() + ${n} + String.valueOf(stale).length();`,
      '        }',
      '    }',
      '',
    );
  }
  while (out.length < lines - 1) out.push(`    // padding line ${out.length}`);
  out.push('}');
  return out.join('\n') + '\n';
}

function pointAt(text: string, offset: number): TreePoint {
  const before = text.lastIndexOf('\n', offset - 1);
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - (before + 1) };
}

/**
 * The edit as the editor describes it to tree-sitter (DocumentTrees): a Python change from an earlier line, and over
 * the module-level statements at an indentation after it.
 */
function editorEdit(tree: Tree, text: string, change: TextChange) {
  if (LANGUAGE !== 'python') return treeEditForChange(change);
  const fromStableLine = changeFromStableLine(change, linesUpTo(text, change.rangeOffset, change.start.row));
  const oldEnd = change.rangeOffset + change.rangeLength;
  return treeEditForChange(changeOverIndentedStatements(fromStableLine, topLevelStatementsFrom(tree, oldEnd), linesAfter(text, oldEnd, change.end.row)));
}

const percentile = (numbers: number[], p: number) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const parsers = await sharedParsers(diskGrammarSource);
  const original = LANGUAGE === 'java' ? largeJavaSource() : LANGUAGE === 'go' ? largeGoSource() : largePythonSource();
  console.log(`File: ${original.split('\n').length - 1} lines, ${(original.length / 1024).toFixed(0)} KiB of ${LANGUAGE === 'java' ? 'Java' : LANGUAGE === 'go' ? 'Go' : 'Python'}; debounce ${DEBOUNCE_MS} ms, keystrokes every ${KEYSTROKE_GAP_MS} ms`);
  // As the editor does: each review gets the document's last one.
  let last: ReviewResult | undefined;
  let reused = 0;
  let reviews = 0;
  const review = (tree: Tree, text: string): ReviewResult => {
    last = reviewTree(tree, text, { path: PATH, language: LANGUAGE, previous: last, keepForReuse: true });
    reviews++;
    if (last.incremental?.reusedChunks) reused++;
    return last;
  };
  const wholeReview = (tree: Tree, text: string): ReviewResult => reviewTree(tree, text, { path: PATH, language: LANGUAGE });

  // Warm up the parser and the engine (JIT) as an editor session would be: whole reviews, then a few edits
  // reviewed with the previous review, on a copy that is thrown away.
  let text = original;
  let tree = parsers.parse(LANGUAGE, text);
  for (let i = 0; i < 5; i++) review(tree, text);
  {
    let warmText = original;
    let warmTree = parsers.parse(LANGUAGE, warmText);
    for (let i = 0; i < 30; i++) {
      const offset = warmText.indexOf('\n', (i * 7919) % warmText.length) + 1;
      const start = pointAt(warmText, offset);
      warmTree.edit(editorEdit(warmTree, warmText, { rangeOffset: offset, rangeLength: 0, start, end: start, text: '#\n' }));
      warmText = warmText.slice(0, offset) + '#\n' + warmText.slice(offset);
      const next = parsers.parse(LANGUAGE, warmText, warmTree);
      review(next, warmText);
      warmTree.delete();
      warmTree = next;
    }
    warmTree.delete();
    last = undefined;
    review(tree, text);
  }
  const baseline = review(tree, text).findings.length;
  reused = 0;
  reviews = 0;

  // 1) Engine per-run cost after a one-line edit: incremental re-parse + review, vs full parse + review.
  //    Two kinds of line: typed inside a function with its indentation (as the editor's auto-indent puts it),
  //    and typed at column 0 inside a function, which breaks it (a syntax error that tree-sitter recovers from).
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  /** The measurements of one kind of edit, and the texts after each counted one (for the peer). */
  const newSeries = () => ({ incremental: [] as number[], incrementalCpu: [] as number[], reparse: [] as number[], reviewOnly: [] as number[], full: [] as number[], peerTexts: [] as string[] });
  type Series = ReturnType<typeof newSeries>;
  /** Replaces `removed` characters at `offset` by `inserted` as the editor does (re-parse + review), measured into `series`. */
  const editAndReview = (series: Series, counted: boolean, offset: number, removed: number, inserted: string) => {
    const start = pointAt(text, offset);
    const end = removed ? pointAt(text, offset + removed) : start;
    const next = text.slice(0, offset) + inserted + text.slice(offset + removed);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    tree.edit(editorEdit(tree, text, { rangeOffset: offset, rangeLength: removed, start, end, text: inserted }));
    const reparsed = parsers.parse(LANGUAGE, next, tree);
    const parsed = performance.now();
    review(reparsed, next);
    const reviewed = performance.now();
    const cpu = cpuMs(cpuStarted);
    if (counted) {
      series.reparse.push(parsed - started);
      series.reviewOnly.push(reviewed - parsed);
      series.incremental.push(reviewed - started);
      series.incrementalCpu.push(cpu);
      series.peerTexts.push(next);
    }
    tree.delete();
    tree = reparsed;
    text = next;
  };
  // The texts the peer parses and reviews whole, after the series: run between two incremental runs, its garbage
  // was collected during the next one, which the editor (no whole review of the document between edits) never pays.
  const measurePeer = (series: Series) => {
    for (const peerText of series.peerTexts) {
      const started = performance.now();
      const fresh = parsers.parse(LANGUAGE, peerText);
      wholeReview(fresh, peerText);
      series.full.push(performance.now() - started);
      fresh.delete();
    }
  };
  /**
   * A line typed at column 0 inside a function is deleted again after its run (`repaired`), and that deletion is a
   * series of its own: each such line breaks its function in two, and left in place, 220 of them broke most of the
   * file's functions (~1,180 top-level statements by the end instead of ~240), a file no one edits that grew during
   * the series, while the edit that joins the function again (deleting or indenting the line) was never measured.
   */
  const measureEdits = (indented: boolean): { typed: Series; repaired?: Series } => {
    const typed = newSeries();
    const repaired = indented ? undefined : newSeries();
    // The first runs of a series still grow the parser's memory and warm the JIT: like the lint bench, 20 are not counted.
    for (let run = 0; run < RUNS + WARMUP_RUNS; run++) {
      const counted = run >= WARMUP_RUNS;
      const line = 100 + ((run * 37) % 2800);
      const offset = text.split('\n', line).join('\n').length + 1;
      const indentation = indented ? /^[ \t]*/.exec(text.slice(offset, offset + 80))![0] : '';
      const inserted = `${indentation}${statement(`x_${run}`, '1')}\n`;
      editAndReview(typed, counted, offset, 0, inserted);
      if (repaired) editAndReview(repaired, counted, offset, inserted.length, '');
    }
    measurePeer(typed);
    if (repaired) measurePeer(repaired);
    return { typed, repaired };
  };
  const typedInFunction = measureEdits(true);
  const typedAtColumnZero = measureEdits(false);

  // 2) Typing bursts: keystrokes at a human pace, the debounced review after the last one.
  const debouncer = new KeyedDebouncer<string>(DEBOUNCE_MS);
  const latencies: number[] = [];
  const reviewCosts: number[] = [];
  let findings = 0;
  for (let burst = 0; burst < BURSTS; burst++) {
    const line = 50 + ((burst * 71) % 2900);
    let offset = text.split('\n', line).join('\n').length + 1;
    const typed = `${statement(`value_${burst}`, `r.get("k:${burst}")`)}\n`;
    let lastKeystroke = 0;
    const done = new Promise<void>((resolve) => {
      const typeNext = async () => {
        for (const character of typed) {
          const start = pointAt(text, offset);
          tree.edit(editorEdit(tree, text, { rangeOffset: offset, rangeLength: 0, start, end: start, text: character }));
          text = text.slice(0, offset) + character + text.slice(offset);
          offset += character.length;
          lastKeystroke = performance.now();
          debouncer.schedule('doc', () => {
            const started = performance.now();
            const reparsed = parsers.parse(LANGUAGE, text, tree);
            const result = review(reparsed, text);
            tree.delete();
            tree = reparsed;
            const finished = performance.now();
            reviewCosts.push(finished - started);
            latencies.push(finished - lastKeystroke);
            findings = result.findings.length;
            resolve();
          });
          await sleep(KEYSTROKE_GAP_MS);
        }
      };
      void typeNext();
    });
    await done;
  }
  tree.delete();

  console.log('');
  console.log(`Engine per run after a one-line edit (${RUNS} runs of each kind after ${WARMUP_RUNS} uncounted ones, ${baseline} findings in the file at the start):`);
  for (const [label, series] of [
    ['a line typed inside a function (indented)', typedInFunction.typed],
    ['a line at column 0 inside a function (breaks it)', typedAtColumnZero.typed],
    ['that line deleted again (joins the function again)', typedAtColumnZero.repaired!],
  ] as const) {
    console.log(`  ${label}:`);
    console.log(`    incremental parse + review: p50 ${fmt(percentile(series.incremental, 0.5))}, p95 ${fmt(percentile(series.incremental, 0.95))}  (engine target p95 ≤ 30 ms)`);
    console.log(`      of which the re-parse: p50 ${fmt(percentile(series.reparse, 0.5))}, p95 ${fmt(percentile(series.reparse, 0.95))}; the review: p50 ${fmt(percentile(series.reviewOnly, 0.5))}, p95 ${fmt(percentile(series.reviewOnly, 0.95))}`);
    console.log(`    full parse + review (peer): p50 ${fmt(percentile(series.full, 0.5))}, p95 ${fmt(percentile(series.full, 0.95))}; ratio (p50) ${(percentile(series.full, 0.5) / percentile(series.incremental, 0.5)).toFixed(2)}×`);
    console.log(`    CPU time of the incremental run (insensitive to other processes): p50 ${fmt(percentile(series.incrementalCpu, 0.5))}, p95 ${fmt(percentile(series.incrementalCpu, 0.95))}`);
  }
  console.log(`  reviews that reused untouched statements: ${reused} of ${reviews} (statements that read a name the edit changed, or contain a syntax error, are analysed again)`);
  console.log(`  machine load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  if (!BURSTS) return;
  console.log('');
  console.log(`Typing (${BURSTS} bursts of ~25 keystrokes each, ${findings} findings at the end):`);
  console.log(`  last keystroke → diagnostics current: p50 ${fmt(percentile(latencies, 0.5))}, p95 ${fmt(percentile(latencies, 0.95))}, max ${fmt(Math.max(...latencies))}  (target ≤ 300 ms)`);
  console.log(`  of which the debounced review itself: p50 ${fmt(percentile(reviewCosts, 0.5))}, p95 ${fmt(percentile(reviewCosts, 0.95))}`);
  console.log(`  reviews run: ${reviewCosts.length} for ${BURSTS} bursts (one per pause, none per keystroke)`);
  console.log(`  on an idle core (debounce + CPU p95 of a run): ${fmt(DEBOUNCE_MS + Math.max(percentile(typedAtColumnZero.typed.incrementalCpu, 0.95), percentile(typedAtColumnZero.repaired!.incrementalCpu, 0.95)))}`);
}

// Run only as a script, so tests can import the file generator.
if (process.argv[1]?.endsWith('editorLatency.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
