/**
 * What a hover over Redis code shows: the command card of the call under the cursor, and the explanation
 * of any Redis Review finding that covers the cursor. Pure, so it is tested without an editor.
 */
import type { RedisCallSite } from '../analysis/model';
import type { Finding } from '../findings';
import { commandCardFor } from './commandCard';

/** The part of a call that answers a hover: the method name up to the first argument (covers `call('HGETALL', `). */
function hoverStart(site: RedisCallSite): number {
  return site.span.startOffset;
}

function hoverEnd(site: RedisCallSite): number {
  const firstArgument = site.args[0];
  if (firstArgument && firstArgument.span.startOffset > site.span.endOffset) return firstArgument.span.startOffset;
  // No arguments after the command: the whole call (e.g. `r.flushall()`, `call('PING')`).
  return Math.max(site.span.endOffset, site.callSpan.endOffset);
}

/** The innermost call site whose name (or command-name argument) contains the offset. */
export function callSiteAt(callSites: readonly RedisCallSite[], offset: number): RedisCallSite | undefined {
  let best: RedisCallSite | undefined;
  for (const site of callSites) {
    if (offset < hoverStart(site) || offset > hoverEnd(site)) continue;
    if (!best || hoverEnd(site) - hoverStart(site) < hoverEnd(best) - hoverStart(best)) best = site;
  }
  return best;
}

/** Findings whose span contains the offset (an empty span counts at its start). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((finding) => offset >= finding.span.startOffset && offset <= Math.max(finding.span.endOffset, finding.span.startOffset));
}

/** The command card for a call site ("CONFIG SET" resolves to the subcommand). */
export function callSiteCard(site: RedisCallSite): string {
  const [name, sub] = site.command.split(/\s+/);
  return commandCardFor(name, sub);
}

export interface HoverParts {
  /** Markdown blocks, in display order. */
  blocks: string[];
  /** Offsets the hover applies to. */
  startOffset: number;
  endOffset: number;
}

/**
 * Assembles the hover at an offset, or undefined when there is nothing Redis-specific there.
 * `explain` returns the rule's explanation (why it is risky, what to do) as Markdown.
 */
export function hoverAt(
  callSites: readonly RedisCallSite[],
  findings: readonly Finding[],
  offset: number,
  explain: (ruleId: string) => string | undefined,
): HoverParts | undefined {
  const site = callSiteAt(callSites, offset);
  const covering = findingsAt(findings, offset);
  if (!site && covering.length === 0) return undefined;
  const blocks: string[] = [];
  if (site) blocks.push(callSiteCard(site));
  const explained = new Set<string>();
  for (const finding of covering) {
    if (explained.has(finding.ruleId)) continue;
    explained.add(finding.ruleId);
    const explanation = explain(finding.ruleId);
    if (explanation) blocks.push(`**Redis Review · ${finding.ruleId}** (${finding.code})\n\n${explanation}`);
  }
  if (blocks.length === 0) return undefined;
  // Reduce rather than spread: a minified line can carry more findings than a call's argument limit.
  const startOffset = site ? site.span.startOffset : covering.reduce((min, finding) => Math.min(min, finding.span.startOffset), Infinity);
  const endOffset = site ? site.span.endOffset : covering.reduce((max, finding) => Math.max(max, finding.span.endOffset), 0);
  return { blocks, startOffset, endOffset };
}
