"""Idempotency keys: 20 concurrent duplicates from 20 connections run the handler once and share its result."""
import threading
import time

from idempotency_keys import IdempotencyKeys, KeyReusedForDifferentRequest
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("idempotency-keys")
clients = [connect() for _ in range(20)]
stores = [IdempotencyKeys(client, prefix=PREFIX, ttl_seconds=600) for client in clients]
calls = []
calls_lock = threading.Lock()


def charge():
    with calls_lock:
        calls.append(1)
    time.sleep(0.3)
    return {"chargeId": "ch_" + str(len(calls))}


results = run_concurrently(20, lambda index: stores[index].run("order-1", charge, fingerprint="f1", wait_ms=5000))
concurrent_calls = len(calls)
store = stores[0]
replay = store.run("order-1", charge, fingerprint="f1")
reused = False
try:
    store.run("order-1", charge, fingerprint="other")
except KeyReusedForDifferentRequest:
    reused = True
failed = False
try:
    store.run("order-2", lambda: 1 / 0)
except ZeroDivisionError:
    failed = True
retried = store.run("order-2", lambda: "ok")
report(
    {
        "handlerCalls": concurrent_calls,
        "distinctResults": len({repr(result) for result in results}),
        "result": results[0],
        "replay": replay,
        "callsAfterReplay": len(calls),
        "reusedRefused": reused,
        "failedRaised": failed,
        "retried": retried,
        "ttl": clients[0].ttl(store.key("order-1")),
    }
)
