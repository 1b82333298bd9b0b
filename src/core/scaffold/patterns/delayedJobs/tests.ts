/** Generated pytest / vitest files for delayed jobs. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function delayedJobsPythonTest(): string {
  return `${pythonTestPreamble('delayed_jobs', 'DelayedJobs', 'delayed-jobs')}

def test_jobs_are_claimed_only_when_due(client, prefix):
    jobs = DelayedJobs(client, "reminders", prefix=prefix)
    later = jobs.schedule({"n": 2}, delay_ms=300)
    now = jobs.schedule({"n": 1}, delay_ms=0)
    assert [(job.id, job.payload) for job in jobs.claim_due()] == [(now, {"n": 1})]
    assert jobs.claim_due() == []
    time.sleep(0.35)
    assert [job.id for job in jobs.claim_due()] == [later]
    assert jobs.pending() == 0


def test_each_job_is_claimed_once_by_concurrent_workers(client, prefix):
    jobs = DelayedJobs(client, "burst", prefix=prefix)
    ids = {jobs.schedule({"n": n}, delay_ms=0) for n in range(50)}
    claimed = run_concurrently(5, lambda index: [job.id for _ in range(20) for job in jobs.claim_due(3)])
    flat = [job_id for batch in claimed for job_id in batch]
    assert sorted(flat) == sorted(ids)


def test_cancel(client, prefix):
    jobs = DelayedJobs(client, "cancel", prefix=prefix)
    job_id = jobs.schedule({"n": 1}, delay_ms=0)
    assert jobs.cancel(job_id)
    assert jobs.claim_due() == []
`;
}

export function delayedJobsTypescriptTest(): string {
  return `${typescriptTestPreamble('delayedJobs', 'DelayedJobs', 'delayed-jobs', { sleep: true })}
describe('DelayedJobs', () => {
  it('claims jobs only when they are due', async () => {
    const jobs = new DelayedJobs(redis, 'reminders', { prefix });
    const later = await jobs.schedule({ n: 2 }, 300);
    const now = await jobs.schedule({ n: 1 }, 0);
    expect((await jobs.claimDue()).map((job) => [job.id, job.payload])).toEqual([[now, { n: 1 }]]);
    expect(await jobs.claimDue()).toEqual([]);
    await sleep(350);
    expect((await jobs.claimDue()).map((job) => job.id)).toEqual([later]);
    expect(await jobs.pending()).toBe(0);
  });

  it('hands each job to exactly one of several concurrent workers', async () => {
    const jobs = new DelayedJobs(redis, 'burst', { prefix });
    const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => jobs.schedule({ n }, 0)));
    const workers = Array.from({ length: 5 }, () => new DelayedJobs(connect(), 'burst', { prefix }));
    const claimed = await Promise.all(workers.map(async (worker) => {
      const mine: string[] = [];
      for (let i = 0; i < 20; i++) mine.push(...(await worker.claimDue(3)).map((job) => job.id));
      return mine;
    }));
    expect(claimed.flat().sort()).toEqual([...ids].sort());
  });

  it('cancels by id', async () => {
    const jobs = new DelayedJobs(redis, 'cancel', { prefix });
    const id = await jobs.schedule({ n: 1 }, 0);
    expect(await jobs.cancel(id)).toBe(true);
    expect(await jobs.claimDue()).toEqual([]);
  });
});
`;
}
