/**
 * command-in-loop on loops over a message consumer, subscription or websocket: each round handles one message as
 * it arrives (like a subscription's listen()), not one item of a collection at hand. A list of consumers, or of
 * the messages one poll returned, is still items.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop: loops over an event source', () => {
  it('does not report the handler of an async for over a Kafka-style consumer or a websocket', () => {
    expect(py('async def relay(consumer):\n    async for record in consumer:\n        r.sadd("seen", record.key)\n')).toEqual([]);
    expect(py('async def chat(websocket):\n    async for message in websocket:\n        r.publish("room", message)\n')).toEqual([]);
    expect(py('class Bridge:\n    async def run(self):\n        async for event in self.order_consumer:\n            r.incr("orders")\n')).toEqual([]);
  });

  it('does the same for a for await over a subscription in TypeScript', () => {
    expect(ts('export async function relay(subscription: AsyncIterable<string>) {\n  for await (const msg of subscription) {\n    await redis.sadd("seen", msg);\n  }\n}\n')).toEqual([]);
  });

  it('still reports a loop over a list of consumers and over the records one poll returned', () => {
    expect(py('def lag(consumers):\n    for consumer in consumers:\n        r.get(f"lag:{consumer}")\n')).toEqual([8]);
    expect(py('def store(consumer):\n    records = consumer.poll()\n    for record in records:\n        r.sadd("seen", record)\n')).toEqual([9]);
  });
});
