/** Neither RDB snapshots nor AOF while the data does not look like a cache: a restart loses it all. */
import { formatCount, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

export const noPersistencePrimaryData: Recommendation = {
  id: 'no-persistence-primary-data',
  severity: 'warning',
  title: 'No persistence for data that looks primary',
  rationale: 'With save "" and appendonly no, a restart or crash empties the server. That is fine for a cache whose keys expire, but most keys here have no TTL, which suggests data that is not stored anywhere else.',
  check({ facts, report }) {
    const node = facts.nodes[0];
    if (!node || report.totalKeys === 0) return undefined;
    const noSnapshots = (node.config.save ?? '').trim() === '';
    const noAof = node.config.appendonly === 'no';
    if (!noSnapshots || !noAof) return undefined;
    const withoutTtl = report.ttlBuckets.find((b) => b.bucket === 'none')?.keys ?? 0;
    if (withoutTtl / report.totalKeys < 0.8) return undefined;
    return {
      evidence: `save is empty and appendonly is no; ${percent(withoutTtl, report.totalKeys)} of ${formatCount(report.totalKeys)} keys have no TTL.`,
      action: 'appendonly yes with appendfsync everysec (at most ~1 s of writes lost), and/or save 3600 1 300 100 60 10000 for snapshots; if this really is a cache, give its keys TTLs.',
    };
  },
};
