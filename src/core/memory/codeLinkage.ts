/**
 * Joins namespaces with the code that writes their keys: a write site's key pattern ("session:*") is linked to
 * the outermost namespace whose example keys it all matches, so "session:* — 350k keys, 0 % TTL" can point
 * at app/sessions.py:42 (HSET, no expiry).
 */
import { globMatches } from './keyNamePattern';
import type { LinkedWriteSite, NamespaceLink, NamespaceNode } from './types';

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

/** The outermost namespaces a site's pattern fully covers (by pattern equality or by matching every example key). */
function namespacesWrittenBy(nodes: NamespaceNode[], pattern: string): NamespaceNode[] {
  const found: NamespaceNode[] = [];
  for (const node of nodes) {
    const examples = node.topKeys.map((k) => k.key);
    const covered = node.pattern === pattern || (examples.length > 0 && examples.every((key) => globMatches(pattern, key)));
    if (covered) found.push(node);
    else if (examples.some((key) => globMatches(pattern, key))) found.push(...namespacesWrittenBy(node.children, pattern));
  }
  return found;
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

/** "session:* — 350,000 keys, 203.0 MB, 0 % with TTL — written at app/sessions.py:42 (HSET) without expiry". */
export function describeLink(link: NamespaceLink, formatBytes: (n: number) => string): string {
  const sites = link.sites
    .map((s) => `${s.file}:${s.line} (${s.command})${s.setsTtl ? '' : ' without expiry'}`)
    .join(', ');
  return `${link.pattern} — ${link.keys.toLocaleString('en-US')} keys, ${formatBytes(link.memoryBytes)}, ${Math.round(link.ttlShare * 100)} % with TTL — written at ${sites}`;
}
