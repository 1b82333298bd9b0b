"""Job queue: a consumer process dies without ack; another reclaims the job until it is dead-lettered."""
import subprocess
import sys
import time

from job_queue import JobQueue
from scaffold_driver import connect, prefix, report

PREFIX = prefix("job-queue")
client = connect()
queue = JobQueue(client, "orders", visibility_timeout_ms=500, max_deliveries=3, prefix=PREFIX)
first = queue.enqueue({"n": 1})
second = queue.enqueue({"n": 2})

DYING = f"""
import os
from job_queue import JobQueue
from scaffold_driver import connect
jobs = JobQueue(connect(), "orders", visibility_timeout_ms=500, max_deliveries=3, prefix={PREFIX!r}).reserve("doomed")
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
    time.sleep(0.55)
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
