/** pickle-deserialization: unpickling bytes read from Redis executes whatever code they contain. */
import type { Rule } from './rule';
import { helperReplyUnpickled } from './support/pickledHelperReplies';

export const pickleDeserialization: Rule = {
  meta: {
    id: 'pickle-deserialization',
    code: 'RR603',
    category: 'security',
    defaultSeverity: 'error',
    languages: ['python'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      loads: '{{function}} on data read from Redis ({{command}}) runs arbitrary code if anyone who can write to Redis plants a payload; store JSON/msgpack instead, or sign values with HMAC and verify before loading.',
    },
    docs: {
      summary: 'pickle.loads of Redis data is remote code execution waiting to happen.',
      what: 'Reports pickle/dill/cloudpickle `loads` calls whose argument is a Redis read. Evidence it accepts, within the same function: the read itself (`pickle.loads(r.get(k))`); a variable assigned from one (also `a = b = ...` and `:=`); an element of a multi-value reply reached by indexing (`r.mget(keys)[0]`, `values[0]`), iteration (`for v in r.mget(keys)`, `[pickle.loads(x) for x in r.lrange(...)]`, `r.hgetall(h).items()`), `zip(...)`/`enumerate(...)` at the reply\'s position, or unpacking; and a position of a pipeline\'s `execute()` result (`blob, ttl = pipe.execute()`, `r.pipeline().get(k).execute()[0]`) mapped to the command queued there, which must be a read (GET, HGET, LRANGE, ...); on a WATCHed pipeline the positions count from its `multi()`, as the WATCH and the commands before `multi()` run at once. Decoders that pass the bytes on (`zlib.decompress`, `base64.b64decode`, `bytes(...)`, `.encode(...)`) are looked through. In files that mention pickle, the file\'s own code is followed too: helpers that return a reply (`pickle.loads(self.get(key))` where `get` returns `self.connection.get(...)`), functions that unpickle a parameter (arq\'s `deserialize_result(raw)` that falls back to `pickle.loads`, reported at the call that passes the reply, unless a JSON/msgpack deserializer is passed), decoders handed to a wrapper that applies them to a reply (`self.cache(key, self.pickle_decoder)` with `decoder(r.get(k))` inside, reported in the decoder), names bound to `pickle.loads`, serializer objects whose class pickles (taskiq/aiocache/django-redis `PickleSerializer().loads/loadb`, or a serializer class of the project, in any module, whose `loads`/`deserialize`/`decode` calls pickle.loads or inherits one that does; also held in a class attribute and read through `self`), and lists filled with `.extend(reply)`/`.append(reply)`. `pickle.loads` handed by reference, in the same call as a Redis client, to an object that reads with it (`RedisCache(redis_client=r, deserializer=pickle.loads)`) is reported at the reference. Across files, the reply of a read helper of another module is followed when the call names it: `pickle.loads(fetch(key))` (or a local assigned from it) where `fetch` is an imported function, a function of an imported module (`store.fetch`), or a method called on an instance named after its class (`self.redis_store.fetch`), and every project helper of that name runs one value-reading command (GET, HGET, LPOP, LRANGE, ...). Other names are not followed across files or through other method calls (`data.decode()`).',
      why: 'Unpickling executes code chosen by whoever wrote the bytes. Anyone who can write to Redis — a compromised service sharing the instance, an exposed port, a weak password — can turn every reader into a shell.',
      examples: [
        { client: 'redis-py', file: 'app/cache.py', bad: 'import pickle\nimport redis\n\nr = redis.Redis()\n\ndef load(key):\n    data = r.get(key)\n    return pickle.loads(data)\n', good: 'import json\nimport redis\n\nr = redis.Redis()\n\ndef load(key):\n    data = r.get(key)\n    return json.loads(data)\n' },
      ],
      fix: 'Serialize with JSON, msgpack or protobuf. If pickle is unavoidable, append an HMAC of the bytes on write and verify it (hmac.compare_digest) before loading.',
      falsePositives: 'Framework caches that pickle internally (Django cache, Flask-Caching) do not call pickle in your code and are not reported.',
      references: [
        { title: 'Python pickle: security warning', url: 'https://docs.python.org/3/library/pickle.html' },
      ],
    },
  },
  check(context) {
    for (const item of context.model.deserializations) {
      if (item.fromRedis) {
        context.report({ messageId: 'loads', data: { function: item.function, command: item.readCommand ?? 'GET' }, span: item.span });
        continue;
      }
      // The reply of a read helper of another module (`pickle.loads(fetch(key))`, fetch running GET).
      const helper = helperReplyUnpickled(context, item);
      if (helper) context.report({ messageId: 'loads', data: { function: item.function, command: `${helper.command} in ${helper.name}() of ${helper.path}` }, span: item.span });
    }
  },
};
