/**
 * The directive catalogue of each target server (generated from its binary by scripts/gen-conf-catalogue.ts),
 * merged with descriptions, values newer than every tested build, and Sentinel sub-directives.
 */
import { DEFAULT_TARGET_SERVER, TARGET_SERVER_LABELS, TARGET_SERVERS, type TargetServer } from '../servers/targetServers';
import descriptions from './data/descriptions.json';
import later from './data/later-versions.json';
import redis70 from './data/redis-7.0.json';
import redis74 from './data/redis-7.4.json';
import sentinel from './data/sentinel.json';
import valkey8 from './data/valkey-8.json';
import type { DirectiveInfo, LaterEnumValue, SentinelSubcommand, ServerCatalogue } from './catalogueTypes';

export { DEFAULT_TARGET_SERVER, TARGET_SERVERS, type TargetServer };

const GENERATED: Record<TargetServer, ServerCatalogue> = {
  'redis-7.0': redis70 as ServerCatalogue,
  'redis-7.4': redis74 as ServerCatalogue,
  'valkey-8': valkey8 as ServerCatalogue,
};

const describe = descriptions as Record<string, string>;

function buildCatalogue(server: TargetServer): Map<string, DirectiveInfo> {
  const map = new Map<string, DirectiveInfo>();
  for (const probed of GENERATED[server].directives) {
    const description = describe[probed.name] ?? (probed.aliasOf ? `Old name of ${probed.aliasOf}: ${describe[probed.aliasOf] ?? ''}` : '');
    map.set(probed.name, { ...probed, description, servers: [] });
  }
  for (const value of later.enumValues as LaterEnumValue[]) {
    const info = map.get(value.directive);
    if (!info || info.values?.includes(value.value)) continue;
    info.values = [...(info.values ?? []), value.value];
    info.laterValues = { ...info.laterValues, [value.value]: value.since };
  }
  return map;
}

const CATALOGUES = new Map(TARGET_SERVERS.map((server) => [server, buildCatalogue(server)]));
for (const catalogue of CATALOGUES.values()) {
  for (const info of catalogue.values()) info.servers = TARGET_SERVERS.filter((other) => CATALOGUES.get(other)?.has(info.name));
}

/**
 * Names that set the same option on some server (masterauth / primaryauth, slaveof / replicaof ...), so a name
 * one server does not know can be translated into the one it does.
 */
const SAME_OPTION = (() => {
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (const catalogue of CATALOGUES.values()) {
    for (const info of catalogue.values()) if (info.aliasOf) parent.set(find(info.name), find(info.aliasOf));
  }
  const groups = new Map<string, string[]>();
  const names = new Set([...CATALOGUES.values()].flatMap((catalogue) => [...catalogue.keys()]));
  for (const name of names) {
    const root = find(name);
    groups.set(root, [...(groups.get(root) ?? []), name]);
  }
  const byName = new Map<string, string[]>();
  for (const group of groups.values()) for (const name of group) byName.set(name, group);
  return byName;
})();

const SENTINEL = new Map((sentinel.subcommands as SentinelSubcommand[]).map((s) => [s.name, s]));

/** "Redis 7.4", "Valkey 8.0". */
export function serverLabel(server: TargetServer): string {
  return TARGET_SERVER_LABELS[server];
}

/** Product and exact build version of the binary a server's catalogue was read from. */
export function catalogueSource(server: TargetServer): { product: 'redis' | 'valkey'; version: string } {
  const { product, version } = GENERATED[server];
  return { product, version };
}

/** The server a file is linted against when nothing else says: Valkey for valkey*.conf files, else the default. */
export function defaultServerForFile(fileName: string | undefined): TargetServer {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  return /^valkey.*\.conf$/i.test(base) ? 'valkey-8' : DEFAULT_TARGET_SERVER;
}

/** Every directive the server knows (aliases included). */
export function allDirectives(server: TargetServer = DEFAULT_TARGET_SERVER): DirectiveInfo[] {
  return [...CATALOGUES.get(server)!.values()];
}

/** The directive as this server knows it (case-insensitive), or undefined when the server does not accept the name. */
export function directiveInfo(name: string, server: TargetServer = DEFAULT_TARGET_SERVER): DirectiveInfo | undefined {
  return CATALOGUES.get(server)!.get(name.toLowerCase());
}

/** The directive as any tested server knows it (the target's entry first), for hovers and messages. */
export function anyDirectiveInfo(name: string, preferred: TargetServer = DEFAULT_TARGET_SERVER): DirectiveInfo | undefined {
  const lower = name.toLowerCase();
  return directiveInfo(lower, preferred) ?? TARGET_SERVERS.map((server) => directiveInfo(lower, server)).find(Boolean);
}

/** The servers whose catalogue has this name. */
export function serversKnowing(name: string): TargetServer[] {
  return anyDirectiveInfo(name)?.servers ?? [];
}

/**
 * The name `server` uses for the option another server calls `name` (primaryauth on Valkey → masterauth on Redis),
 * preferring the server's canonical name; undefined when the server has no such option.
 */
export function nameOnServer(name: string, server: TargetServer): string | undefined {
  const group = SAME_OPTION.get(name.toLowerCase()) ?? [];
  const known = group.map((member) => directiveInfo(member, server)).filter((info): info is DirectiveInfo => info !== undefined && !info.ignored);
  return (known.find((info) => !info.aliasOf) ?? known[0])?.name;
}

/** Sentinel sub-directives the server's Sentinel accepts. */
export function sentinelSubcommands(server?: TargetServer): SentinelSubcommand[] {
  return [...SENTINEL.values()].filter((s) => !server || !s.servers || s.servers.includes(server));
}

/** A Sentinel sub-directive known to any tested Sentinel (check `servers` for the target). */
export function sentinelSubcommand(name: string): SentinelSubcommand | undefined {
  return SENTINEL.get(name.toLowerCase());
}

/** Enum values the directive's server accepts (values of releases newer than every tested build are left out). */
export function enumValuesFor(info: DirectiveInfo): string[] {
  return (info.values ?? []).filter((value) => !info.laterValues?.[value]);
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
