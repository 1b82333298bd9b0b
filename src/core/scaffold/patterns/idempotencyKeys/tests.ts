/** Generated pytest / vitest files for idempotency keys. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function idempotencyKeysPythonTest(): string {
  return `${pythonTestPreamble('idempotency_keys', 'IdempotencyKeys, KeyReusedForDifferentRequest, RequestInProgress', 'idempotency-keys')}

def test_concurrent_duplicates_run_the_handler_once(client, prefix):
    keys = IdempotencyKeys(client, prefix=prefix, ttl_seconds=600)
    calls = []

    def charge():
        calls.append(1)
        time.sleep(0.2)
        return {"charge_id": "ch_1"}

    results = run_concurrently(10, lambda index: keys.run("order-1", charge, wait_ms=5000))
    assert results == [{"charge_id": "ch_1"}] * 10
    assert len(calls) == 1
    assert 0 < client.ttl(keys.key("order-1")) <= 600


def test_in_progress_and_reused_keys_are_refused(client, prefix):
    keys = IdempotencyKeys(client, prefix=prefix)
    started = threading.Event()

    def slow():
        started.set()
        time.sleep(0.3)
        return 1

    worker = threading.Thread(target=lambda: keys.run("k", slow, fingerprint="a"))
    worker.start()
    started.wait()
    with pytest.raises(RequestInProgress):
        keys.run("k", lambda: 2, fingerprint="a")
    worker.join()
    with pytest.raises(KeyReusedForDifferentRequest):
        keys.run("k", lambda: 2, fingerprint="b")
    assert keys.run("k", lambda: 2, fingerprint="a") == 1


def test_a_failed_handler_can_be_retried(client, prefix):
    keys = IdempotencyKeys(client, prefix=prefix)
    with pytest.raises(ZeroDivisionError):
        keys.run("k", lambda: 1 / 0)
    assert keys.run("k", lambda: "ok") == "ok"
`;
}

export function idempotencyKeysTypescriptTest(): string {
  return `${typescriptTestPreamble('idempotencyKeys', 'IdempotencyKeys, KeyReusedForDifferentRequest, RequestInProgress', 'idempotency-keys', { sleep: true })}
describe('IdempotencyKeys', () => {
  it('runs the handler once for concurrent duplicates', async () => {
    const keys = new IdempotencyKeys(redis, { prefix, ttlSeconds: 600 });
    let calls = 0;
    const charge = async () => {
      calls++;
      await sleep(200);
      return { chargeId: 'ch_1' };
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => keys.run('order-1', charge, { waitMs: 5000 })));
    expect(results).toEqual(Array(10).fill({ chargeId: 'ch_1' }));
    expect(calls).toBe(1);
    expect(await redis.ttl(keys.key('order-1'))).toBeGreaterThan(0);
  });

  it('refuses in-progress duplicates and keys reused for another request', async () => {
    const keys = new IdempotencyKeys(redis, { prefix });
    const first = keys.run('k', async () => {
      await sleep(300);
      return 1;
    }, { fingerprint: 'a' });
    await sleep(50);
    await expect(keys.run('k', async () => 2, { fingerprint: 'a' })).rejects.toBeInstanceOf(RequestInProgress);
    expect(await first).toBe(1);
    await expect(keys.run('k', async () => 2, { fingerprint: 'b' })).rejects.toBeInstanceOf(KeyReusedForDifferentRequest);
    expect(await keys.run('k', async () => 2, { fingerprint: 'a' })).toBe(1);
  });

  it('lets a failed request be retried', async () => {
    const keys = new IdempotencyKeys(redis, { prefix });
    await expect(keys.run('failing', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await keys.run('failing', async () => 'ok')).toBe('ok');
  });
});
`;
}
