/** Renders a memory report as the documented JSON shape, as Markdown (export, CLI) or as plain text (terminal). */
import { describeLink, describeSite } from './codeLinkage';
import { flattenNamespaces } from './namespaceTree';
import { formatBytes, formatCount } from './recommendations/evidence';
import { markdownCode, markdownText, terminalSafe, terminalSafeJson } from './outputEscaping';
import { slotSkewLines } from './slotStats';
import type { MemoryReport, NamespaceNode } from './types';

/**
 * The JSON contract of `redis-review analyze --format json`: byType entries and recommendations carry exactly
 * the documented fields; extra detail (length percentiles, sampling error, per-node totals, code links) sits
 * in additional top-level keys.
 */
export function toJsonReport(report: MemoryReport): Record<string, unknown> {
  return {
    totalKeys: report.totalKeys,
    totalMemoryBytes: report.totalMemoryBytes,
    byType: Object.fromEntries(
      Object.entries(report.byType).map(([type, t]) => [type, { keys: t.keys, memoryBytes: t.memoryBytes, p50: t.p50, p90: t.p90, p99: t.p99, max: t.max }]),
    ),
    namespaces: report.namespaces,
    topKeysByMemory: report.topKeysByMemory,
    ttlBuckets: report.ttlBuckets,
    encodings: report.encodings,
    // The documented five fields, plus what the recommendation is about and the code that writes it when known.
    recommendations: report.recommendations.map(({ id, severity, title, evidence, action, namespaces, writtenAt }) => ({
      id, severity, title, evidence, action, ...(namespaces?.length ? { namespaces } : {}), ...(writtenAt?.length ? { writtenAt } : {}),
    })),
    durationMs: report.durationMs,
    topKeysByLength: report.topKeysByLength,
    lengthByType: Object.fromEntries(
      Object.entries(report.byType).map(([type, t]) => [type, { p50: t.lengthP50, p99: t.lengthP99, max: t.lengthMax }]),
    ),
    sampling: report.sampling,
    nodes: report.nodes,
    ...(report.codeLinks ? { codeLinks: report.codeLinks } : {}),
    ...(report.keySizeHistograms ? { keySizeHistograms: report.keySizeHistograms } : {}),
    complete: report.complete !== false,
    ...(report.complete === false ? { incompleteReason: report.incompleteReason ?? 'stopped early' } : {}),
    sizesEstimated: report.sizeEstimate !== undefined,
    ...(report.sizeEstimate ? { sizeEstimateReason: report.sizeEstimate.reason } : {}),
    warnings: report.warnings ?? [],
    ...(report.slotSkew ? { slotSkew: report.slotSkew } : {}),
    ...(report.rdb ? { rdb: report.rdb } : {}),
  };
}

/** The JSON report as printable text (lossless; key names that are not UTF-8 also carry `keyBase64`). */
export function toJsonText(report: MemoryReport): string {
  return terminalSafeJson(toJsonReport(report)) + '\n';
}

/** Lines every format puts first: partial or not, estimated sizes, warnings (plain text; callers escape). */
function statusLines(report: MemoryReport): string[] {
  const lines: string[] = [];
  if (report.complete === false) lines.push(`PARTIAL REPORT (complete: false): ${report.incompleteReason ?? 'stopped early'}. The figures cover only the keys inspected so far.`);
  if (report.sizeEstimate) lines.push(`SIZES ARE ESTIMATES from type, encoding and length, not MEMORY USAGE: ${report.sizeEstimate.reason}.`);
  for (const warning of report.warnings ?? []) lines.push(`Warning: ${warning}`);
  if (report.rdb) lines.push(...rdbLines(report.rdb));
  return lines;
}

/** Where an RDB report came from and what only a snapshot tells (expired keys, idle times, LFU). */
function rdbLines(rdb: NonNullable<MemoryReport['rdb']>): string[] {
  const from = rdb.source === 'file' ? `the RDB file ${rdb.origin}` : `a snapshot streamed from ${rdb.origin}`;
  const lines = [`Read from ${from} (${formatBytes(rdb.bytes)}, RDB ${rdb.rdbVersion}${rdb.redisVersion ? `, Redis ${rdb.redisVersion}` : ''}${rdb.valkeyVersion ? `, Valkey ${rdb.valkeyVersion}` : ''}${rdb.snapshotTime ? `, taken ${rdb.snapshotTime}` : ''}); sizes: ${rdb.sizeModel}.`];
  if (rdb.expiredKeys > 0) lines.push(`${formatCount(rdb.expiredKeys)} keys (${formatBytes(rdb.expiredMemoryBytes)}) had already expired at the snapshot and are not counted.`);
  if (rdb.idle) lines.push(`Idle (LRU): ${rdb.idle.map((b) => `${b.bucket} ${formatCount(b.keys)} (${formatBytes(b.memoryBytes)})`).join(', ')}`);
  if (rdb.lfu) lines.push(`LFU counters: p50 ${rdb.lfu.p50}, p90 ${rdb.lfu.p90}, p99 ${rdb.lfu.p99}, max ${rdb.lfu.max}`);
  return lines;
}

function ttlText(ttlMs: number): string {
  if (ttlMs < 0) return 'none';
  const seconds = ttlMs / 1000;
  if (seconds < 3600) return `${Math.round(seconds)} s`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

function samplingLine(report: MemoryReport): string {
  const s = report.sampling;
  if (s.mode === 'full' && report.complete === false) return `Partial scan: ${formatCount(s.inspectedKeys)} of ${formatCount(s.keyspaceSize)} keys in ${(report.durationMs / 1000).toFixed(1)} s.`;
  if (s.mode === 'full') return `Full scan of ${formatCount(s.inspectedKeys)} keys in ${(report.durationMs / 1000).toFixed(1)} s.`;
  return `Estimated from a random sample of ${formatCount(s.inspectedKeys)} of ${formatCount(s.keyspaceSize)} keys in ${(report.durationMs / 1000).toFixed(1)} s; total memory ±${formatBytes(s.totalMemoryMarginBytes)} at ${(s.confidence * 100).toFixed(1)} % confidence.`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)];
}

function namespaceRows(nodes: NamespaceNode[], limit: number): string[][] {
  return flattenNamespaces(nodes)
    .filter((n) => n.depth <= 3)
    .sort((a, b) => b.memoryBytes - a.memoryBytes)
    .slice(0, limit)
    .map((n) => [n.pattern, formatCount(n.keys), formatBytes(n.memoryBytes), formatBytes(n.averageBytes), `${Math.round(n.ttlShare * 100)} %`, n.topKeys[0]?.key ?? '']);
}

export function toMarkdown(report: MemoryReport): string {
  const lines: string[] = ['# Redis memory analysis', ''];
  for (const line of statusLines(report)) lines.push(`> **${markdownText(line)}**`, '');
  lines.push(samplingLine(report), '', `**${formatCount(report.totalKeys)} keys, ${formatBytes(report.totalMemoryBytes)}${report.sizeEstimate ? ' (estimated)' : ''}**`, '');
  lines.push('## By type', '', ...table(['type', 'keys', 'memory', 'p50', 'p90', 'p99', 'max'], Object.entries(report.byType).map(([type, t]) =>
    [type, formatCount(t.keys), formatBytes(t.memoryBytes), formatBytes(t.p50), formatBytes(t.p90), formatBytes(t.p99), formatBytes(t.max)])), '');
  lines.push('## Namespaces', '', ...table(['namespace', 'keys', 'memory', 'average', 'with TTL', 'biggest key'], namespaceRows(report.namespaces, 30).map(([pattern, keys, memory, average, ttl, biggest]) =>
    [markdownCode(pattern), keys, memory, average, ttl, biggest ? markdownCode(biggest) : ''])), '');
  lines.push('## Top keys by memory', '', ...table(['key', 'type', 'encoding', 'memory', 'length', 'TTL'], report.topKeysByMemory.map((k) =>
    [markdownCode(k.key), markdownText(k.type), k.encoding, formatBytes(k.memoryBytes), formatCount(k.length), ttlText(k.ttlMs)])), '');
  lines.push('## Top keys by length', '', ...table(['key', 'type', 'length', 'memory'], report.topKeysByLength.map((k) =>
    [markdownCode(k.key), markdownText(k.type), formatCount(k.length), formatBytes(k.memoryBytes)])), '');
  lines.push('## TTL', '', ...table(['TTL', 'keys', 'memory'], report.ttlBuckets.map((b) => [b.bucket, formatCount(b.keys), formatBytes(b.memoryBytes)])), '');
  lines.push('## Encodings', '', ...table(['type', 'encoding', 'keys'], Object.entries(report.encodings).flatMap(([type, encodings]) =>
    Object.entries(encodings).map(([encoding, n]) => [type, encoding, formatCount(n)]))), '');
  if (report.slotSkew) lines.push('## Cluster slots (CLUSTER SLOT-STATS)', '', ...slotSkewLines(report.slotSkew, formatCount).map((line) => `- ${markdownText(line)}`), '');
  if (report.codeLinks?.length) {
    lines.push('## Written by', '', ...report.codeLinks.map((link) => `- ${markdownText(describeLink(link, formatBytes))}`), '');
  }
  lines.push(`## Recommendations (${report.recommendations.length})`, '');
  for (const r of report.recommendations) {
    lines.push(`### ${r.severity.toUpperCase()}: ${markdownText(r.title)} (\`${r.id}\`)`, '', `**Evidence:** ${markdownText(r.evidence)}`, '', `**Action:** ${markdownText(r.action)}`, '');
    if (r.writtenAt?.length) {
      lines.push(`**Code:** ${r.writtenAt.map((site) => `${markdownCode(site.writes)} written at ${markdownCode(`${site.file}:${site.line}`)} ${markdownText(`(${site.command})${site.setsTtl ? '' : ' without expiry'}`)}`).join('; ')}`, '');
    }
  }
  return lines.join('\n');
}

export function toText(report: MemoryReport): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines: string[] = [...statusLines(report), samplingLine(report), `${formatCount(report.totalKeys)} keys, ${formatBytes(report.totalMemoryBytes)}${report.sizeEstimate ? ' (estimated)' : ''}`, '', 'By type:'];
  for (const [type, t] of Object.entries(report.byType)) {
    lines.push(`  ${pad(type, 8)} ${pad(formatCount(t.keys), 12)} ${pad(formatBytes(t.memoryBytes), 10)} p50 ${formatBytes(t.p50)}  p99 ${formatBytes(t.p99)}  max ${formatBytes(t.max)}`);
  }
  lines.push('', 'Namespaces (by memory):');
  for (const [pattern, keys, memory, , ttl] of namespaceRows(report.namespaces, 15)) lines.push(`  ${pad(pattern, 32)} ${pad(keys, 12)} ${pad(memory, 10)} TTL ${ttl}`);
  lines.push('', 'Top keys by memory:');
  for (const k of report.topKeysByMemory.slice(0, 10)) lines.push(`  ${pad(k.key, 40)} ${pad(k.type, 7)} ${pad(formatBytes(k.memoryBytes), 10)} ${formatCount(k.length)}`);
  lines.push('', `TTL: ${report.ttlBuckets.map((b) => `${b.bucket} ${formatCount(b.keys)} (${formatBytes(b.memoryBytes)})`).join(', ')}`);
  lines.push(`Encodings: ${Object.entries(report.encodings).map(([type, e]) => `${type} ${Object.entries(e).map(([n, c]) => `${n}=${formatCount(c)}`).join('/')}`).join(', ')}`);
  if (report.slotSkew) lines.push('', 'Cluster slots (CLUSTER SLOT-STATS):', ...slotSkewLines(report.slotSkew, formatCount).map((line) => `  ${line}`));
  if (report.codeLinks?.length) {
    lines.push('', 'Written by:', ...report.codeLinks.map((link) => `  ${describeLink(link, formatBytes)}`));
  }
  lines.push('', `Recommendations (${report.recommendations.length}):`);
  for (const r of report.recommendations) {
    lines.push(`  [${r.severity}] ${r.title} (${r.id})`, `    evidence: ${r.evidence}`, `    action:   ${r.action}`);
    if (r.writtenAt?.length) lines.push(`    code:     ${r.writtenAt.map((site) => `${site.writes} written at ${describeSite(site)}`).join('; ')}`);
  }
  // Every line is escaped as a whole: key names reach it through patterns, top keys, evidence and code links.
  return lines.map(terminalSafe).join('\n') + '\n';
}
