"""Rate limiter under 20 concurrent clients: a burst, then 1.5 s of continuous pressure on a sliding window."""
import time

from rate_limiter import RateLimiter
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("rate-limiter")
clients = [connect() for _ in range(20)]

burst = [RateLimiter(client, limit=10, window_seconds=5, prefix=PREFIX) for client in clients]
burst_results = run_concurrently(20, lambda index: [burst[index].allow("burst").allowed for _ in range(3)])

WINDOW_MS = 500
sliding = [RateLimiter(client, limit=5, window_seconds=WINDOW_MS / 1000, prefix=PREFIX) for client in clients]
start = time.monotonic()


def pressure(index):
    admitted = []
    while time.monotonic() - start < 1.5:
        sent = (time.monotonic() - start) * 1000
        result = sliding[index].allow("sliding")
        answered = (time.monotonic() - start) * 1000
        if result.allowed:
            admitted.append([sent, answered])
        else:
            assert 0 < result.retry_after_ms <= WINDOW_MS
        time.sleep(0.005)
    return admitted


admitted = [pair for batch in run_concurrently(20, pressure) for pair in batch]
denied = burst[0].allow("burst")
report(
    {
        "burstAdmitted": sum(sum(batch) for batch in burst_results),
        "burstDenied": {"allowed": denied.allowed, "remaining": denied.remaining, "retryAfterMs": denied.retry_after_ms},
        "burstTtlMs": clients[0].pttl(burst[0].key("burst")),
        "sliding": {"limit": 5, "windowMs": WINDOW_MS, "admitted": admitted},
    }
)
