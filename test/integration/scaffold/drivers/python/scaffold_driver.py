"""Shared helpers of the behaviour drivers: a client for the server under test (standalone or Cluster) and the report."""
import json
import os
import threading

import redis
from redis.cluster import ClusterNode, RedisCluster


# DECODE_RESPONSES=1 runs the same scenario with a client that returns str instead of bytes.
DECODE = os.environ.get("DECODE_RESPONSES") == "1"


def connect():
    """A client for REDIS_URL, or for the Cluster whose nodes are listed in CLUSTER_NODES (host:port,...)."""
    nodes = os.environ.get("CLUSTER_NODES")
    if nodes:
        startup = [ClusterNode(host, int(port)) for host, port in (node.split(":") for node in nodes.split(","))]
        return RedisCluster(startup_nodes=startup, socket_timeout=10, decode_responses=DECODE)
    return redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=10, decode_responses=DECODE)


def prefix(name):
    return os.environ.get("DRIVER_PREFIX", "drv") + "-" + name


def run_concurrently(count, work):
    """Runs work(index) on `count` threads released together; returns results in order, re-raising the first error."""
    results = [None] * count
    errors = []
    barrier = threading.Barrier(count)

    def runner(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def report(result):
    print(json.dumps(result))
