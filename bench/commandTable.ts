/**
 * Cost of the command table the analyzer and hovers use on every keystroke: loading it (JSON.parse of the
 * committed table + the name map, in a fresh process each run, as at extension start) against a baseline table
 * in the same run, runs interleaved (--baseline FILE, e.g. an older table from `git show`; by default the same
 * table stripped of its per-server part), and the cost of one command-not-on-target / hover query. Prints
 * medians of --runs runs, CPU time of the measured process.
 *
 *   npx tsx bench/commandTable.ts [--runs 15] [--baseline old-table.json]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availabilitySummary, commandOnTarget } from '../src/core/commands/commandAvailability';
import { allCommands, lookupCommand } from '../src/core/commands/commandTable';

const args = process.argv.slice(2);
const RUNS = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '15');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const TABLE = join(__dirname, '..', 'src', 'core', 'commands', 'commandTable.json');

/** A fresh node process parses the text and builds the map, reporting its CPU microseconds for just that. */
const LOAD = `
const text = require('fs').readFileSync(0, 'utf8');
const start = process.cpuUsage();
const table = JSON.parse(text);
const byName = new Map(Object.entries(table.commands));
const used = process.cpuUsage(start);
process.stdout.write(String(used.user + used.system) + ' ' + byName.size);
`;

function loadMicros(text: string): number {
  const result = spawnSync(process.execPath, ['-e', LOAD], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Number(result.stdout.split(' ')[0]);
}

const full = readFileSync(TABLE, 'utf8');
const parsed = JSON.parse(full);
const baselineFile = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined;
const baseline = baselineFile ? readFileSync(baselineFile, 'utf8') : JSON.stringify({ commands: Object.fromEntries(Object.entries(parsed.commands as Record<string, Record<string, unknown>>).map(([name, spec]) => {
  const { on: _on, documented: _documented, ...rest } = spec;
  return [name, rest];
})) });

const baselineName = baselineFile ?? 'the table without its per-server part';
const tableRuns: number[] = [];
const baselineRuns: number[] = [];
// Interleaved, so a neighbour's load spike hits both sides alike.
for (let i = 0; i < RUNS; i++) {
  tableRuns.push(loadMicros(full));
  baselineRuns.push(loadMicros(baseline));
}
const table = median(tableRuns);
const base = median(baselineRuns);
console.log(`table: ${Object.keys(parsed.commands).length} commands, ${full.length} bytes; baseline (${baselineName}): ${baseline.length} bytes`);
console.log(`load (parse + map), median of ${RUNS} fresh processes: ${(table / 1000).toFixed(2)} ms CPU; baseline ${(base / 1000).toFixed(2)} ms (ratio ${(table / base).toFixed(2)})`);

const names = allCommands().map((spec) => spec.name.split('|'));
const queries = 200_000;
let found = 0;
const start = process.cpuUsage();
for (let i = 0; i < queries; i++) {
  const [name, sub] = names[i % names.length];
  if (commandOnTarget('redis-7.0', name, sub)) found++;
}
const used = process.cpuUsage(start);
console.log(`command-not-on-target lookup: ${(((used.user + used.system) * 1000) / queries).toFixed(0)} ns per call site (${found} of ${queries} on redis-7.0)`);
const hoverStart = process.cpuUsage();
for (let i = 0; i < 20_000; i++) availabilitySummary(lookupCommand('hexpire')!);
const hoverUsed = process.cpuUsage(hoverStart);
console.log(`hover availability line: ${((hoverUsed.user + hoverUsed.system) / 20_000).toFixed(2)} µs per hover`);
