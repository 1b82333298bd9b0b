/** Generated pytest / vitest files for Pub/Sub invalidation. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function pubsubInvalidationPythonTest(): string {
  return `${pythonTestPreamble('pubsub_invalidation', 'InvalidatingCache', 'pubsub-invalidation')}

def eventually(condition, timeout=2.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_write_on_one_instance_invalidates_the_others(client, prefix):
    first = InvalidatingCache(client, prefix=prefix, ttl_seconds=60)
    second = InvalidatingCache(client, prefix=prefix, ttl_seconds=60)
    try:
        first.set("price", 10)
        time.sleep(0.1)  # a read racing the invalidation is (correctly) not kept locally
        assert second.get("price") == 10
        assert second.local_size() == 1
        first.set("price", 12)
        assert eventually(lambda: second.local_size() == 0)
        assert second.get("price") == 12
        assert 0 < client.ttl(first.key("price")) <= 60
    finally:
        first.close()
        second.close()
`;
}

export function pubsubInvalidationTypescriptTest(): string {
  return `${typescriptTestPreamble('pubsubInvalidation', 'InvalidatingCache', 'pubsub-invalidation', { sleep: true })}
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !condition()) await sleep(10);
  return condition();
}

describe('InvalidatingCache', () => {
  it('invalidates other instances when one writes', async () => {
    const first = new InvalidatingCache(redis, { prefix, ttlSeconds: 60 });
    const second = new InvalidatingCache(redis, { prefix, ttlSeconds: 60 });
    await Promise.all([first.start(), second.start()]);
    try {
      await first.set('price', 10);
      await sleep(100); // a read racing the invalidation is (correctly) not kept locally
      expect(await second.get('price')).toBe(10);
      expect(second.localSize()).toBe(1);
      await first.set('price', 12);
      expect(await eventually(() => second.localSize() === 0)).toBe(true);
      expect(await second.get('price')).toBe(12);
      expect(await redis.ttl(first.key('price'))).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
`;
}
