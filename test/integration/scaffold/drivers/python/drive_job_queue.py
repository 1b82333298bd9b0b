"""Job queue: a consumer process dies without ack; another reclaims the job until it is dead-lettered."""
import subprocess
import sys
import time

from job_queue import JobQueue
from scaffold_driver import connect, prefix, report

PREFIX = prefix("job-queue")
# Long enough that the dying consumer's job is not yet reclaimable when the survivor first looks, even when starting
# the dying process takes seconds on a busy machine; each later reclaim waits it out.
VISIBILITY_MS = 3000
client = connect()
queue = JobQueue(client, "orders", visibility_timeout_ms=VISIBILITY_MS, max_deliveries=3, prefix=PREFIX)
first = queue.enqueue({"n": 1})
second = queue.enqueue({"n": 2})

DYING = f"""
import os
from job_queue import JobQueue
from scaffold_driver import connect
jobs = JobQueue(connect(), "orders", visibility_timeout_ms={VISIBILITY_MS}, max_deliveries=3, prefix={PREFIX!r}).reserve("doomed")
print(jobs[0].id, flush=True)
os._exit(0)
"""
dying_got = subprocess.run([sys.executable, "-c", DYING], capture_output=True, text=True, check=True).stdout.strip()

reserved = queue.reserve("survivor", count=10, block_ms=100)
for job in reserved:
    queue.ack(job.id)
reclaimed_early = queue.reclaim("survivor")
reclaims = []
for _ in range(3):
    time.sleep(VISIBILITY_MS / 1000 + 0.05)
    reclaims.append([[job.id, job.deliveries, job.payload["n"]] for job in queue.reclaim("survivor")])
dead = [{"id": job.id, "deliveries": job.deliveries, "payload": job.payload} for job in queue.dead_letters()]
pending = client.xpending(queue.stream_key, "workers")["pending"]

bounded = JobQueue(client, "bounded", max_len=10, prefix=PREFIX)
for n in range(500):
    bounded.enqueue({"n": n})

report(
    {
        "first": first,
        "second": second,
        "dyingGot": dying_got,
        "reservedBySurvivor": [job.id for job in reserved],
        "reclaimedEarly": len(reclaimed_early),
        "reclaims": reclaims,
        "dead": dead,
        "pendingAfter": pending,
        "boundedLength": client.xlen(bounded.stream_key),
    }
)
