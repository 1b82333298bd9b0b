/** The opening comment of the generated time-series-events modules. */
import type { ModuleHeader } from '../../header';

export function timeSeriesEventsHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'time-series-events',
    title: 'Time-series events: one Stream per series, ids are timestamps, retention by MINID (or MAXLEN).',
    why: [
      'A Stream id is <milliseconds>-<sequence>, so a stream is an append-only log indexed by time: XRANGE',
      'between two timestamps is a range query, XREVRANGE gives the latest events, and XADD ... MINID ~ drops',
      'events older than the retention window as it appends (MAXLEN ~ when a count cap is wanted instead).',
      'Entries of a stream share field names in compact listpack nodes, so small events cost tens of bytes.',
      'The key also expires one retention period after the last event, so abandoned series disappear.',
    ],
    complexity: ['add: O(1) amortised (trimming removes whole nodes). range / latest: O(log N + M) for M events returned.'],
    memory: ['About 20-40 bytes per event plus its field values when events share field names (listpack nodes of 100 entries).'],
    keys: [`${prefix}:<series> (stream, TTL = retention). One key per call: no hash tag needed.`],
    limits: ['Explicit timestamps must not go backwards within a series (Stream ids only grow).'],
  };
}
