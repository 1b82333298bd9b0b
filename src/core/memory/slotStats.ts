/**
 * Slot-level skew of a Cluster from CLUSTER SLOT-STATS (Valkey 8+): which slots hold the most keys (and, when
 * cluster-slot-stats-enabled is on, burn the most CPU and network), and each master's share of the keys
 * against an even spread. Key counts per node say a master is full; per slot they say which hash tag did it.
 */

export const CLUSTER_SLOTS = 16384;

/** One slot's counters as the server reports them (cpu/network only when slot stats tracking is enabled). */
export interface SlotStat {
  slot: number;
  keyCount: number;
  cpuUsec?: number;
  networkBytesIn?: number;
  networkBytesOut?: number;
}

export interface HotSlot {
  slot: number;
  /** Master that owns the slot ("127.0.0.1:7000"). */
  node: string;
  value: number;
  /** value / the metric's total over all slots, 0..1. */
  share: number;
}

export interface MasterSlotShare {
  node: string;
  slots: number;
  keys: number;
  /** keys / all keys, 0..1. */
  keyShare: number;
  /** What an even spread over the masters would give: 1 / masters. */
  evenShare: number;
}

/** The report's "Cluster slots" section. */
export interface SlotSkewSummary {
  /** Slots the masters reported (16384 on a fully covered Cluster). */
  slotsReported: number;
  totalKeys: number;
  /** Keys of the fullest slot / the average per reported slot (1 = perfectly even). */
  maxToMeanKeys: number;
  /** Slots holding at least one key. */
  slotsWithKeys: number;
  hottestByKeys: HotSlot[];
  /** Present when the server tracks per-slot CPU time (cluster-slot-stats-enabled yes). */
  hottestByCpu?: HotSlot[];
  /** Present when the server tracks per-slot network bytes (in + out). */
  hottestByNetwork?: HotSlot[];
  masters: MasterSlotShare[];
}

const FIELDS: Record<string, keyof Omit<SlotStat, 'slot'>> = {
  'key-count': 'keyCount',
  'cpu-usec': 'cpuUsec',
  'network-bytes-in': 'networkBytesIn',
  'network-bytes-out': 'networkBytesOut',
};

/** Name/value pairs from a RESP2 flat array or a RESP3 map (ioredis hands maps over as arrays, Maps or objects). */
function pairsOf(value: unknown): Array<[string, unknown]> {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  if (Array.isArray(value)) {
    const pairs: Array<[string, unknown]> = [];
    for (let i = 0; i + 1 < value.length; i += 2) pairs.push([String(value[i]), value[i + 1]]);
    return pairs;
  }
  if (value && typeof value === 'object') return Object.entries(value);
  return [];
}

/**
 * CLUSTER SLOT-STATS reply: `[[slot, [name, value, …]], …]` (RESP2) or with a map per slot (RESP3).
 * Throws on a shape that is not slot statistics, naming what came back.
 */
export function parseSlotStats(reply: unknown): SlotStat[] {
  if (!Array.isArray(reply)) throw new Error(`CLUSTER SLOT-STATS answered ${typeof reply}, not an array of slots.`);
  return reply.map((entry) => {
    if (!Array.isArray(entry) || entry.length < 2) throw new Error(`CLUSTER SLOT-STATS entry is not [slot, stats]: ${JSON.stringify(entry).slice(0, 80)}`);
    const slot = Number(entry[0]);
    if (!Number.isInteger(slot) || slot < 0 || slot >= CLUSTER_SLOTS) throw new Error(`CLUSTER SLOT-STATS named slot ${String(entry[0])}, outside 0-16383.`);
    const stat: SlotStat = { slot, keyCount: 0 };
    for (const [name, value] of pairsOf(entry[1])) {
      const field = FIELDS[name.toLowerCase()];
      if (field && Number.isFinite(Number(value))) stat[field] = Number(value);
    }
    return stat;
  });
}

function hottest(perNode: Array<{ node: string; stats: SlotStat[] }>, pick: (s: SlotStat) => number | undefined, top: number): HotSlot[] | undefined {
  const all = perNode.flatMap(({ node, stats }) => stats.filter((s) => pick(s) !== undefined).map((s) => ({ slot: s.slot, node, value: pick(s)! })));
  if (all.length === 0) return undefined;
  const total = all.reduce((sum, s) => sum + s.value, 0);
  return all
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value || a.slot - b.slot)
    .slice(0, top)
    .map((s) => ({ ...s, share: total > 0 ? s.value / total : 0 }));
}

/** Skew over every master's slots; `top` hottest slots per metric. */
export function summarizeSlotSkew(perNode: Array<{ node: string; stats: SlotStat[] }>, top = 10): SlotSkewSummary {
  const slotsReported = perNode.reduce((sum, n) => sum + n.stats.length, 0);
  const totalKeys = perNode.reduce((sum, n) => sum + n.stats.reduce((s, stat) => s + stat.keyCount, 0), 0);
  const fullest = Math.max(0, ...perNode.flatMap((n) => n.stats.map((s) => s.keyCount)));
  const mean = slotsReported > 0 ? totalKeys / slotsReported : 0;
  const network = (s: SlotStat) => (s.networkBytesIn === undefined && s.networkBytesOut === undefined ? undefined : (s.networkBytesIn ?? 0) + (s.networkBytesOut ?? 0));
  const byCpu = hottest(perNode, (s) => s.cpuUsec, top);
  const byNetwork = hottest(perNode, network, top);
  return {
    slotsReported,
    totalKeys,
    maxToMeanKeys: mean > 0 ? fullest / mean : 1,
    slotsWithKeys: perNode.reduce((sum, n) => sum + n.stats.filter((s) => s.keyCount > 0).length, 0),
    hottestByKeys: hottest(perNode, (s) => s.keyCount, top) ?? [],
    ...(byCpu ? { hottestByCpu: byCpu } : {}),
    ...(byNetwork ? { hottestByNetwork: byNetwork } : {}),
    masters: perNode.map(({ node, stats }) => {
      const keys = stats.reduce((sum, s) => sum + s.keyCount, 0);
      return { node, slots: stats.length, keys, keyShare: totalKeys > 0 ? keys / totalKeys : 0, evenShare: 1 / perNode.length };
    }),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;

/**
 * The section as plain lines (text and Markdown share them; callers escape): the spread, each master against
 * an even share, and the hottest slots per metric.
 */
export function slotSkewLines(skew: SlotSkewSummary, formatCount: (n: number) => string): string[] {
  const lines = [
    `${formatCount(skew.totalKeys)} keys in ${formatCount(skew.slotsWithKeys)} of ${formatCount(skew.slotsReported)} slots; the fullest slot holds ${skew.maxToMeanKeys.toFixed(1)}× the average per slot.`,
  ];
  for (const m of skew.masters) {
    lines.push(`${m.node}: ${formatCount(m.slots)} slots, ${formatCount(m.keys)} keys, ${percent(m.keyShare)} of keys (even: ${percent(m.evenShare)})`);
  }
  const list = (label: string, slots: HotSlot[] | undefined, unit: string) => {
    if (slots?.length) lines.push(`Hottest slots by ${label}: ${slots.map((s) => `${s.slot} on ${s.node} ${formatCount(s.value)}${unit} (${percent(s.share)})`).join(', ')}`);
  };
  list('keys', skew.hottestByKeys, ' keys');
  list('CPU', skew.hottestByCpu, ' µs');
  list('network', skew.hottestByNetwork, ' B');
  return lines;
}
