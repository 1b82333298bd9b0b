/** `redis-review analyze`: memory analysis of a live server or Cluster, with recommendations and code linkage. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { linkNamespacesToCode } from '../../core/memory/codeLinkage';
import { toJsonReport, toMarkdown, toText } from '../../core/memory/reportFormats';
import { analyzeMemory } from '../../redis/analysis/analyzeMemory';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { openAnalysisClient } from './openAnalysisClient';
import { sharedParsers } from '../../core/parsing/parsers';
import { diskGrammarSource } from '../../node/grammarFiles';
import { workspaceWriteSites } from '../../node/workspaceWriteSites';

const USAGE = `Usage: redis-review analyze --url redis://[user:pass@]host:port[/db] [options]

Memory analysis: totals, types with size percentiles, a namespace tree, top keys, TTL buckets, encodings
and recommendations with evidence and actions.

Options:
  --url URL              Server to analyse (redis://, rediss://, redis+sentinel://). Required.
  --cluster              Treat the URL as a Cluster seed and analyse every master in parallel.
  --replicas             In a Cluster, read the replicas instead of the masters.
  --full                 Inspect every key (default).
  --sample N             Inspect a uniform random sample of N keys and scale up (the error is stated).
  --exact                MEMORY USAGE ... SAMPLES 0 (exact sizes of big collections; slower).
  --delimiter D          Namespace delimiter; repeat for several (default ":").
  --workspace DIR        Link namespaces to the code under DIR that writes them.
  --format F             text (default), json or markdown.
  --out FILE             Write the report to FILE instead of stdout.
  --keys-per-call N      Keys inspected per server call (default 30; bounds each call's duration).
  --scan-count N         SCAN COUNT (default 1000).
  --strategy S           auto (default), script or pipeline.`;

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${name} needs a positive integer, got "${value}"`);
  return number;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' }, cluster: { type: 'boolean' }, replicas: { type: 'boolean' }, full: { type: 'boolean' },
        sample: { type: 'string' }, exact: { type: 'boolean' }, delimiter: { type: 'string', multiple: true },
        workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
        'keys-per-call': { type: 'string' }, 'scan-count': { type: 'string' }, strategy: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.url) throw new UsageError('--url is required');
  if (values.full && values.sample) throw new UsageError('--full and --sample exclude each other');
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, got "${format}"`);
  const strategy = values.strategy ?? 'auto';
  if (!['auto', 'script', 'pipeline'].includes(strategy)) throw new UsageError(`--strategy must be auto, script or pipeline`);
  const sampleSize = positiveInteger(values.sample, '--sample');
  const keysPerCall = positiveInteger(values['keys-per-call'], '--keys-per-call');
  const scanCount = positiveInteger(values['scan-count'], '--scan-count');

  const client = await openAnalysisClient(values.url, values.cluster ?? false);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const outcome = await analyzeMemory(client, {
      mode: sampleSize ? 'sample' : 'full',
      sampleSize,
      exact: values.exact ?? false,
      delimiters: values.delimiter?.length ? values.delimiter : [':'],
      useReplicas: values.replicas ?? false,
      limits: { ...(keysPerCall ? { keysPerCall } : {}), ...(scanCount ? { scanCount } : {}) },
      strategy: strategy as 'auto' | 'script' | 'pipeline',
      signal: controller.signal,
    });
    const report = outcome.report;
    if (values.workspace) report.codeLinks = linkNamespacesToCode(report.namespaces, await workspaceWriteSites(resolve(io.cwd, values.workspace), await sharedParsers(diskGrammarSource)));
    if (!outcome.complete) {
      io.stderr(`Interrupted: partial report. Resume cursors: ${Object.entries(outcome.cursors).map(([n, c]) => `${n}=${c}`).join(' ')}\n`);
    }
    const text = format === 'json' ? JSON.stringify(toJsonReport(report), null, 2) + '\n' : format === 'markdown' ? toMarkdown(report) + '\n' : toText(report);
    if (values.out) writeFileSync(resolve(io.cwd, values.out), text);
    else io.stdout(text);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    client.disconnect();
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Memory analysis of a Redis server or Cluster, with recommendations',
  usage: USAGE,
  run,
};
