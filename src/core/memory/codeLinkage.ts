/**
 * Joins namespaces with the code that writes their keys: a write site's key pattern ("session:*") is linked to
 * the outermost namespace whose example keys it all matches, so "session:* — 350k keys, 0 % TTL" can point
 * at app/sessions.py:42 (HSET, no expiry).
 */
import { globMatches } from './keyNamePattern';
import type { LinkedWriteSite, MemoryReport, NamespaceLink, NamespaceNode, RecommendationResult, RecommendationWriteSite } from './types';

/** A write site as the review engine reports it, plus the file it was found in. */
export interface WriteSiteInput {
  file: string;
  /** Glob of the keys written: "session:*", "user:*:profile". */
  keyPattern: string;
  command: string;
  /** Zero-based position, as the review engine's spans carry it. */
  span: { start: { line: number; column: number } };
  setsTtl: boolean;
}

/** Patterns without any literal text ("*", "*:*") would link every namespace; they say nothing about ownership. */
function isSpecific(pattern: string): boolean {
  return /[^*?:./|#_-]/.test(pattern);
}

function linkedSite(site: WriteSiteInput): LinkedWriteSite {
  return {
    file: site.file, line: site.span.start.line + 1, column: site.span.start.column + 1,
    command: site.command, keyPattern: site.keyPattern, setsTtl: site.setsTtl,
  };
}

/**
 * Whether `pattern` covers all of `node`: the same glob, or every example key matches and so does every child
 * namespace (examples are only the biggest few keys, so the children keep one kind of key from speaking for
 * its siblings).
 */
function covers(node: NamespaceNode, pattern: string): boolean {
  if (node.pattern === pattern) return true;
  if (node.topKeys.length === 0 || !node.topKeys.every((k) => globMatches(pattern, k.key))) return false;
  return node.children.every((child) => covers(child, pattern));
}

/** The outermost namespaces a site's pattern fully covers. */
function namespacesWrittenBy(nodes: NamespaceNode[], pattern: string): NamespaceNode[] {
  return nodes.flatMap((node) => (covers(node, pattern) ? [node] : namespacesWrittenBy(node.children, pattern)));
}

export function linkNamespacesToCode(namespaces: NamespaceNode[], sites: WriteSiteInput[]): NamespaceLink[] {
  const links = new Map<NamespaceNode, LinkedWriteSite[]>();
  for (const site of sites) {
    if (!isSpecific(site.keyPattern)) continue;
    for (const node of namespacesWrittenBy(namespaces, site.keyPattern)) {
      const list = links.get(node) ?? [];
      list.push(linkedSite(site));
      links.set(node, list);
    }
  }
  return [...links.entries()]
    .map(([node, linked]) => ({
      pattern: node.pattern, keys: node.keys, memoryBytes: node.memoryBytes, ttlShare: node.ttlShare,
      sites: linked.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    }))
    .sort((a, b) => b.memoryBytes - a.memoryBytes);
}

/**
 * The write sites of what a recommendation is about: its namespaces through the namespace links, its example
 * keys through every site whose key pattern matches them. Each site once.
 */
export function recommendationWriteSites(recommendation: RecommendationResult, links: NamespaceLink[], sites: WriteSiteInput[]): RecommendationWriteSite[] {
  const found = new Map<string, RecommendationWriteSite>();
  const add = (site: LinkedWriteSite, writes: string) => {
    const id = `${site.file}:${site.line}:${site.column}`;
    if (!found.has(id)) found.set(id, { ...site, writes });
  };
  const namespaces = new Set(recommendation.namespaces ?? []);
  for (const link of links) if (namespaces.has(link.pattern)) for (const site of link.sites) add(site, link.pattern);
  for (const key of recommendation.examples ?? []) {
    if (namespaces.has(key)) continue;
    for (const site of sites) if (isSpecific(site.keyPattern) && globMatches(site.keyPattern, key)) add(linkedSite(site), key);
  }
  // In the order the recommendation names its namespaces and keys (its evidence reads in that order).
  const order = [...namespaces, ...(recommendation.examples ?? [])];
  return [...found.values()].sort((a, b) => order.indexOf(a.writes) - order.indexOf(b.writes) || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Joins a finished report with the workspace's write sites: the namespace links, and the sites of each recommendation. */
export function linkReportToCode(report: MemoryReport, sites: WriteSiteInput[]): void {
  report.codeLinks = linkNamespacesToCode(report.namespaces, sites);
  for (const recommendation of report.recommendations) {
    const writtenAt = recommendationWriteSites(recommendation, report.codeLinks, sites);
    if (writtenAt.length) recommendation.writtenAt = writtenAt;
    else delete recommendation.writtenAt;
  }
}

/** "app/sessions.py:42 (HSET) without expiry": one write site as people cite it. */
export function describeSite(site: LinkedWriteSite): string {
  return `${site.file}:${site.line} (${site.command})${site.setsTtl ? '' : ' without expiry'}`;
}

/** "session:* — 350,000 keys, 203.0 MB, 0 % with TTL — written at app/sessions.py:42 (HSET) without expiry". */
export function describeLink(link: NamespaceLink, formatBytes: (n: number) => string): string {
  const sites = link.sites.map(describeSite).join(', ');
  return `${link.pattern} — ${link.keys.toLocaleString('en-US')} ${link.keys === 1 ? 'key' : 'keys'}, ${formatBytes(link.memoryBytes)}, ${Math.round(link.ttlShare * 100)} % with TTL — written at ${sites}`;
}
