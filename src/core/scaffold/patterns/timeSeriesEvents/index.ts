/** The time-series-events pattern: a Stream per series with MINID/MAXLEN retention and range queries. */
import type { ScaffoldPattern } from '../../types';
import { timeSeriesEventsPython } from './python';
import { timeSeriesEventsPythonTest, timeSeriesEventsTypescriptTest } from './tests';
import { timeSeriesEventsTypescript } from './typescript';

export const timeSeriesEvents: ScaffoldPattern = {
  id: 'time-series-events',
  title: 'Time-series events',
  description: 'A Stream per series: append with MINID ~ (or MAXLEN ~) retention, time-range queries, paging, latest N.',
  structures: 'stream (XADD MINID/MAXLEN, XRANGE, XREVRANGE) with TTL',
  defaultPrefix: 'events',
  multiKey: false,
  templates: {
    python: { moduleName: 'time_series_events', module: timeSeriesEventsPython, test: timeSeriesEventsPythonTest },
    typescript: { moduleName: 'timeSeriesEvents', module: timeSeriesEventsTypescript, test: timeSeriesEventsTypescriptTest },
  },
};
