"""Unique counters: HyperLogLog accuracy and unions, bitmap DAU and cohorts, retention TTL on every key."""
from datetime import date

from scaffold_driver import connect, prefix, report, run_concurrently
from unique_counters import UniqueCounters

PREFIX = prefix("unique-counters")
clients = [connect() for _ in range(4)]
counters = [UniqueCounters(client, prefix=PREFIX, retention_days=3) for client in clients]
monday, tuesday = date(2030, 1, 7), date(2030, 1, 8)


def visits(index):
    for visitor in range(index * 500, index * 500 + 500):
        counters[index].record_visit("/home", f"v{visitor}", monday)
        counters[index].record_visit("/home", f"v{visitor % 1000}", tuesday)
    return True


run_concurrently(4, visits)
c = counters[0]
for user in range(0, 100, 2):
    c.mark_active(user, monday)
for user in range(0, 100, 3):
    c.mark_active(user, tuesday)
rejected = False
try:
    c.mark_active(2**27, monday)
except ValueError:
    rejected = True
report(
    {
        "uniqueMonday": c.unique_visitors("/home", [monday]),
        "uniqueTuesday": c.unique_visitors("/home", [tuesday]),
        "uniqueBoth": c.unique_visitors("/home", [monday, tuesday]),
        "dauMonday": c.daily_active(monday),
        "dauTuesday": c.daily_active(tuesday),
        "activeOnAll": c.active_on_all([monday, tuesday]),
        "activeOnAny": c.active_on_any([monday, tuesday]),
        "isActive": [c.is_active(6, monday), c.is_active(6, tuesday), c.is_active(3, monday)],
        "rejectedHugeId": rejected,
        "ttl": clients[0].ttl(c.active_key(monday)),
    }
)
