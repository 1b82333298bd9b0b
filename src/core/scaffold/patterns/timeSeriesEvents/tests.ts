/** Generated pytest / vitest files for time-series events. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function timeSeriesEventsPythonTest(): string {
  return `${pythonTestPreamble('time_series_events', 'EventSeries', 'time-series-events')}

def test_range_latest_and_paging(client, prefix):
    series = EventSeries(client, prefix=prefix, retention_ms=3_600_000)
    base = int(time.time() * 1000) - 10_000
    for offset in range(100):
        series.add("cpu", {"value": offset}, timestamp_ms=base + offset * 10)
    window = series.range("cpu", base + 100, base + 190)
    assert [int(event.fields["value"]) for event in window] == list(range(10, 20))
    assert [int(event.fields["value"]) for event in series.latest("cpu", 3)] == [99, 98, 97]
    assert len(list(series.iterate("cpu", base, base + 10_000, page_size=7))) == 100
    assert 0 < client.pttl(series.key("cpu")) <= 3_600_000


def test_old_events_are_trimmed(client, prefix):
    series = EventSeries(client, prefix=prefix, retention_ms=60_000)
    old = int(time.time() * 1000) - 600_000
    for offset in range(300):
        series.add("logins", {"n": offset}, timestamp_ms=old + offset)
    series.add("logins", {"n": "fresh"})
    assert client.xlen(series.key("logins")) < 301
`;
}

export function timeSeriesEventsTypescriptTest(): string {
  return `${typescriptTestPreamble('timeSeriesEvents', 'EventSeries', 'time-series-events')}
describe('EventSeries', () => {
  it('answers time ranges, latest events and pages', async () => {
    const series = new EventSeries(redis, { prefix, retentionMs: 3_600_000 });
    const base = Date.now() - 10_000;
    for (let offset = 0; offset < 100; offset++) await series.add('cpu', { value: offset }, base + offset * 10);
    const window = await series.range('cpu', base + 100, base + 190);
    expect(window.map((event) => Number(event.fields.value))).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
    expect((await series.latest('cpu', 3)).map((event) => Number(event.fields.value))).toEqual([99, 98, 97]);
    let paged = 0;
    for await (const event of series.iterate('cpu', base, base + 10_000, 7)) if (event.id) paged++;
    expect(paged).toBe(100);
    expect(await redis.pttl(series.key('cpu'))).toBeGreaterThan(0);
  });

  it('trims events older than the retention', async () => {
    const series = new EventSeries(redis, { prefix, retentionMs: 60_000 });
    const old = Date.now() - 600_000;
    for (let offset = 0; offset < 300; offset++) await series.add('logins', { n: offset }, old + offset);
    await series.add('logins', { n: 'fresh' });
    expect(await redis.xlen(series.key('logins'))).toBeLessThan(301);
  });
});
`;
}
