"""Delayed jobs: 100 jobs due over 400 ms, six workers claiming concurrently; each job once, never early."""
import time

from delayed_jobs import DelayedJobs
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("delayed-jobs")
clients = [connect() for _ in range(6)]
jobs = DelayedJobs(clients[0], "mail", prefix=PREFIX)
scheduled = {}
for n in range(100):
    before = time.time() * 1000
    job_id = jobs.schedule({"n": n}, delay_ms=(n * 37) % 400)
    scheduled[job_id] = [before, (n * 37) % 400]
cancelled = jobs.schedule({"n": "cancel-me"}, delay_ms=100)
cancel_result = jobs.cancel(cancelled)
workers = [DelayedJobs(client, "mail", prefix=PREFIX) for client in clients]


def work(index):
    claims = []
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and len(claims) < 100:
        batch = workers[index].claim_due(5)
        after = time.time() * 1000
        claims.extend([job.id, after, job.payload["n"]] for job in batch)
        if not batch:
            time.sleep(0.01)
    return claims


claims = [claim for batch in run_concurrently(6, work) for claim in batch]
early = [job_id for job_id, after, _ in claims if after + 1 < scheduled[job_id][0] + scheduled[job_id][1]]
report(
    {
        "scheduled": len(scheduled),
        "claimed": len(claims),
        "distinctClaimed": len({job_id for job_id, _, _ in claims}),
        "allScheduledClaimed": sorted(job_id for job_id, _, _ in claims) == sorted(scheduled),
        "early": early,
        "cancelResult": cancel_result,
        "cancelledClaimed": cancelled in {job_id for job_id, _, _ in claims},
        "pendingAfter": jobs.pending(),
    }
)
