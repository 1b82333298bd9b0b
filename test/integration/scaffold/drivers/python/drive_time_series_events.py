"""Time-series events: range queries, paging, latest N, MINID retention, MAXLEN mode, TTL on every series."""
import time

from scaffold_driver import connect, prefix, report
from time_series_events import EventSeries

PREFIX = prefix("time-series-events")
client = connect()
series = EventSeries(client, prefix=PREFIX, retention_ms=3_600_000)
base = int(time.time() * 1000) - 10_000
for offset in range(200):
    series.add("cpu", {"value": offset, "host": "a"}, timestamp_ms=base + offset * 10)
short = EventSeries(client, prefix=PREFIX, retention_ms=60_000)
old = int(time.time() * 1000) - 600_000
for offset in range(500):
    short.add("logins", {"n": offset}, timestamp_ms=old + offset)
fresh_id = short.add("logins", {"n": "fresh"})
capped = EventSeries(client, prefix=PREFIX, retention_ms=None, max_len=50)
for offset in range(1000):
    capped.add("capped", {"n": offset})
window = series.range("cpu", base + 500, base + 590)
report(
    {
        "window": [int(event.fields["value"]) for event in window],
        "windowTimestamps": [event.timestamp_ms - base for event in window],
        "latest": [int(event.fields["value"]) for event in series.latest("cpu", 3)],
        "paged": [int(event.fields["value"]) for event in series.iterate("cpu", base, base + 100_000, page_size=7)],
        "loginsLength": client.xlen(short.key("logins")),
        "freshKept": client.xrange(short.key("logins"), fresh_id, fresh_id) != [],
        "cappedLength": client.xlen(capped.key("capped")),
        "ttl": client.pttl(series.key("cpu")),
    }
)
