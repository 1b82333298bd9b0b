/** Generated pytest / vitest files for unique counters. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function uniqueCountersPythonTest(): string {
  return `${pythonTestPreamble('unique_counters', 'UniqueCounters', 'unique-counters', { time: false })}
from datetime import date


def test_unique_visitors_count_each_visitor_once(client, prefix):
    counters = UniqueCounters(client, prefix=prefix, retention_days=2)
    monday, tuesday = date(2030, 1, 7), date(2030, 1, 8)
    for visitor in range(1000):
        counters.record_visit("/home", f"v{visitor}", monday)
        counters.record_visit("/home", f"v{visitor}", monday)
    for visitor in range(500, 1500):
        counters.record_visit("/home", f"v{visitor}", tuesday)
    assert abs(counters.unique_visitors("/home", [monday]) - 1000) <= 30
    assert abs(counters.unique_visitors("/home", [monday, tuesday]) - 1500) <= 45
    assert 0 < client.ttl(counters.visitors_key("/home", monday)) <= 2 * 86400


def test_daily_active_users_and_cohorts(client, prefix):
    counters = UniqueCounters(client, prefix=prefix)
    monday, tuesday = date(2030, 1, 7), date(2030, 1, 8)
    for user in (1, 2, 3):
        counters.mark_active(user, monday)
    for user in (2, 3, 4):
        counters.mark_active(user, tuesday)
    assert counters.daily_active(monday) == 3
    assert counters.is_active(4, tuesday) and not counters.is_active(4, monday)
    assert counters.active_on_all([monday, tuesday]) == 2
    assert counters.active_on_any([monday, tuesday]) == 4
    with pytest.raises(ValueError):
        counters.mark_active(-1, monday)
`;
}

export function uniqueCountersTypescriptTest(): string {
  return `${typescriptTestPreamble('uniqueCounters', 'UniqueCounters', 'unique-counters')}
const monday = new Date(Date.UTC(2030, 0, 7));
const tuesday = new Date(Date.UTC(2030, 0, 8));

describe('UniqueCounters', () => {
  it('counts each visitor once, across days too', async () => {
    const counters = new UniqueCounters(redis, { prefix, retentionDays: 2 });
    for (let visitor = 0; visitor < 1000; visitor++) await counters.recordVisit('/home', 'v' + visitor, monday);
    for (let visitor = 500; visitor < 1500; visitor++) await counters.recordVisit('/home', 'v' + visitor, tuesday);
    expect(Math.abs((await counters.uniqueVisitors('/home', [monday])) - 1000)).toBeLessThanOrEqual(30);
    expect(Math.abs((await counters.uniqueVisitors('/home', [monday, tuesday])) - 1500)).toBeLessThanOrEqual(45);
    expect(await redis.ttl(counters.visitorsKey('/home', monday))).toBeGreaterThan(0);
  });

  it('tracks daily active users and cohorts', async () => {
    const counters = new UniqueCounters(redis, { prefix });
    for (const user of [1, 2, 3]) await counters.markActive(user, monday);
    for (const user of [2, 3, 4]) await counters.markActive(user, tuesday);
    expect(await counters.dailyActive(monday)).toBe(3);
    expect(await counters.isActive(4, tuesday)).toBe(true);
    expect(await counters.isActive(4, monday)).toBe(false);
    expect(await counters.activeOnAll([monday, tuesday])).toBe(2);
    expect(await counters.activeOnAny([monday, tuesday])).toBe(4);
    await expect(counters.markActive(-1, monday)).rejects.toBeInstanceOf(RangeError);
  });
});
`;
}
