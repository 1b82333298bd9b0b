/** Generated pytest / vitest files for the job queue. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function jobQueuePythonTest(): string {
  return `${pythonTestPreamble('job_queue', 'JobQueue', 'job-queue')}

def test_a_reserved_job_is_delivered_once_and_acknowledged(client, prefix):
    queue = JobQueue(client, "emails", prefix=prefix)
    job_id = queue.enqueue({"to": "ada@example.com"})
    jobs = queue.reserve("worker-1", block_ms=100)
    assert [(job.id, job.payload, job.deliveries) for job in jobs] == [(job_id, {"to": "ada@example.com"}, 1)]
    assert queue.reserve("worker-2", block_ms=100) == []
    queue.ack(job_id)
    assert client.xpending(queue.stream_key, "workers")["pending"] == 0


def test_an_unacknowledged_job_is_reclaimed_then_dead_lettered(client, prefix):
    queue = JobQueue(client, "emails", visibility_timeout_ms=100, max_deliveries=2, prefix=prefix)
    job_id = queue.enqueue({"n": 1})
    assert len(queue.reserve("crashing-worker", block_ms=100)) == 1
    assert queue.reclaim("healthy-worker") == []
    time.sleep(0.15)
    reclaimed = queue.reclaim("healthy-worker")
    assert [(job.id, job.deliveries) for job in reclaimed] == [(job_id, 2)]
    time.sleep(0.15)
    assert queue.reclaim("healthy-worker") == []
    assert [(job.id, job.payload, job.deliveries) for job in queue.dead_letters()] == [(job_id, {"n": 1}, 2)]
`;
}

export function jobQueueTypescriptTest(): string {
  return `${typescriptTestPreamble('jobQueue', 'JobQueue', 'job-queue', { sleep: true })}
describe('JobQueue', () => {
  it('delivers a reserved job once and acknowledges it', async () => {
    const queue = new JobQueue(redis, 'emails', { prefix });
    const id = await queue.enqueue({ to: 'ada@example.com' });
    expect(await queue.reserve('worker-1', 1, 100)).toEqual([{ id, payload: { to: 'ada@example.com' }, deliveries: 1 }]);
    expect(await queue.reserve('worker-2', 1, 100)).toEqual([]);
    await queue.ack(id);
    await queue.close();
    const summary = (await redis.xpending(queue.streamKey, 'workers')) as unknown[];
    expect(Number(summary[0])).toBe(0);
  });

  it('reclaims an unacknowledged job, then dead-letters it', async () => {
    const queue = new JobQueue(redis, 'retries', { visibilityTimeoutMs: 100, maxDeliveries: 2, prefix });
    const id = await queue.enqueue({ n: 1 });
    expect(await queue.reserve('crashing-worker', 1, 100)).toHaveLength(1);
    expect(await queue.reclaim('healthy-worker')).toEqual([]);
    await sleep(150);
    expect((await queue.reclaim('healthy-worker')).map((job) => [job.id, job.deliveries])).toEqual([[id, 2]]);
    await sleep(150);
    expect(await queue.reclaim('healthy-worker')).toEqual([]);
    expect(await queue.deadLetters()).toEqual([{ id, payload: { n: 1 }, deliveries: 2 }]);
    await queue.close();
  });
});
`;
}
