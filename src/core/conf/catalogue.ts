/** The directive catalogue: the probed 7.0 baseline merged with descriptions, later-version additions and Sentinel sub-directives. */
import baseline from './data/redis-7.0.json';
import descriptions from './data/descriptions.json';
import later from './data/later-versions.json';
import sentinel from './data/sentinel.json';
import type { DirectiveInfo, LaterDirective, LaterEnumValue, ProbedCatalogue, SentinelSubcommand } from './catalogueTypes';

export const BASELINE_VERSION = (baseline as ProbedCatalogue).redisVersion;
export const DEFAULT_TARGET_VERSION = '7.0';

const describe = descriptions as Record<string, string>;

function buildCatalogue(): Map<string, DirectiveInfo> {
  const map = new Map<string, DirectiveInfo>();
  for (const probed of (baseline as ProbedCatalogue).directives) {
    const description = describe[probed.name] ?? (probed.aliasOf ? `Old name of ${probed.aliasOf}: ${describe[probed.aliasOf] ?? ''}` : '');
    map.set(probed.name, { ...probed, description });
  }
  for (const added of later.directives as LaterDirective[]) {
    map.set(added.name, { ...added, mutable: true });
  }
  for (const value of later.enumValues as LaterEnumValue[]) {
    const info = map.get(value.directive);
    if (!info) continue;
    info.values = [...(info.values ?? []), value.value];
    info.laterValues = { ...info.laterValues, [value.value]: value.since };
  }
  return map;
}

const CATALOGUE = buildCatalogue();
const SENTINEL = new Map((sentinel.subcommands as SentinelSubcommand[]).map((s) => [s.name, s]));

/** Every directive known for any version (aliases included). */
export function allDirectives(): DirectiveInfo[] {
  return [...CATALOGUE.values()];
}

/** The directive by name (case-insensitive), whatever the version that introduced it. */
export function directiveInfo(name: string): DirectiveInfo | undefined {
  return CATALOGUE.get(name.toLowerCase());
}

export function sentinelSubcommands(): SentinelSubcommand[] {
  return [...SENTINEL.values()];
}

export function sentinelSubcommand(name: string): SentinelSubcommand | undefined {
  return SENTINEL.get(name.toLowerCase());
}

/** Compare dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] || 0) - (right[i] || 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** True when the directive exists in `targetVersion`. */
export function supportedIn(info: DirectiveInfo, targetVersion: string): boolean {
  return !info.since || compareVersions(targetVersion, info.since) >= 0;
}

/** Enum values accepted by `targetVersion`. */
export function enumValuesFor(info: DirectiveInfo, targetVersion: string): string[] {
  return (info.values ?? []).filter((value) => {
    const since = info.laterValues?.[value];
    return !since || compareVersions(targetVersion, since) >= 0;
  });
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The closest known names, for "did you mean". */
export function closestNames(name: string, candidates: string[], limit = 1): string[] {
  const lower = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(lower.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate) }))
    .filter((entry) => entry.distance <= threshold)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
