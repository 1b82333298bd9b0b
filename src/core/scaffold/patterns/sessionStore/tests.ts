/** Generated pytest / vitest files for the session store. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function sessionStorePythonTest(): string {
  return `${pythonTestPreamble('session_store', 'SessionStore, SessionTooLarge', 'session-store')}

def test_create_get_update_destroy(client, prefix):
    store = SessionStore(client, prefix=prefix, ttl_seconds=60)
    session_id = store.create({"user": "42"})
    assert store.get(session_id) == {"user": "42"}
    assert 0 < client.ttl(store.key(session_id)) <= 60
    assert store.update(session_id, {"cart": "3"})
    assert store.get(session_id) == {"user": "42", "cart": "3"}
    assert store.destroy(session_id)
    assert store.get(session_id) is None
    assert not store.update(session_id, {"cart": "4"})


def test_reads_slide_the_expiry(client, prefix):
    store = SessionStore(client, prefix=prefix, ttl_seconds=1)
    session_id = store.create({"user": "42"})
    for _ in range(3):
        time.sleep(0.6)
        assert store.get(session_id) is not None
    time.sleep(1.2)
    assert store.get(session_id) is None


def test_size_is_bounded(client, prefix):
    store = SessionStore(client, prefix=prefix, max_fields=2, max_value_bytes=10)
    session_id = store.create({"a": "1"})
    with pytest.raises(SessionTooLarge):
        store.update(session_id, {"b": "2", "c": "3"})
    with pytest.raises(SessionTooLarge):
        store.update(session_id, {"a": "x" * 11})
    assert store.get(session_id) == {"a": "1"}
`;
}

export function sessionStoreTypescriptTest(): string {
  return `${typescriptTestPreamble('sessionStore', 'SessionStore, SessionTooLarge', 'session-store', { sleep: true })}
describe('SessionStore', () => {
  it('creates, reads, updates and destroys a session', async () => {
    const store = new SessionStore(redis, { prefix, ttlSeconds: 60 });
    const id = await store.create({ user: '42' });
    expect(await store.get(id)).toEqual({ user: '42' });
    expect(await redis.ttl(store.key(id))).toBeGreaterThan(0);
    expect(await store.update(id, { cart: '3' })).toBe(true);
    expect(await store.get(id)).toEqual({ user: '42', cart: '3' });
    expect(await store.destroy(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect(await store.update(id, { cart: '4' })).toBe(false);
  });

  it('slides the expiry on every read', async () => {
    const store = new SessionStore(redis, { prefix, ttlSeconds: 1 });
    const id = await store.create({ user: '42' });
    for (let i = 0; i < 3; i++) {
      await sleep(600);
      expect(await store.get(id)).not.toBeNull();
    }
    await sleep(1200);
    expect(await store.get(id)).toBeNull();
  });

  it('bounds the number of fields and the value size', async () => {
    const store = new SessionStore(redis, { prefix, maxFields: 2, maxValueBytes: 10 });
    const id = await store.create({ a: '1' });
    await expect(store.update(id, { b: '2', c: '3' })).rejects.toBeInstanceOf(SessionTooLarge);
    await expect(store.update(id, { a: 'x'.repeat(11) })).rejects.toBeInstanceOf(SessionTooLarge);
    expect(await store.get(id)).toEqual({ a: '1' });
  });
});
`;
}
