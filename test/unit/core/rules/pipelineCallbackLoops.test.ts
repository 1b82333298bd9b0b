/** command-in-loop: loops in a callback whose client parameter is the pipeline a pipeline runner hands it. */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop in callbacks run on a pipeline', () => {
  it('does not report a nested function handed by name to a method that runs it on a pipeline', () => {
    const lines = py(
      'class Tags:\n    def __init__(self, client):\n        self.client = client\n\n    def _with_pipeline(self, operation, *args):\n        pipe = self.client.pipeline(transaction=False)\n        operation(pipe, *args)\n        return pipe.execute()\n\n    def untag(self, key, members):\n        def _untag(conn, members):\n            for member in members:\n                conn.srem(key, member)\n        return self._with_pipeline(_untag, members)\n',
    );
    expect(lines).toEqual([]);
  });

  it('does not report an inline callback given to a transaction runner', () => {
    const lines = ts(
      'async function inTransaction(run: (pipe: any) => void) {\n  const pipe = redis.multi();\n  run(pipe);\n  return pipe.exec();\n}\n\nexport async function tagAll(ids: string[]) {\n  await inTransaction(async (pipe) => {\n    for (const id of ids) await pipe.sadd("tagged", id);\n  });\n}\n',
    );
    expect(lines).toEqual([]);
  });

  it('still reports a nested function handed to a runner that is not named for pipelines', () => {
    const lines = py(
      'def untag(key, members):\n    def _untag(conn, members):\n        for member in members:\n            conn.srem(key, member)\n    return with_logging(_untag, members)\n\n\ndef with_logging(operation, *args):\n    return operation(r, *args)\n',
    );
    expect(lines).toEqual([9]);
  });

  it('still reports a loop on the client itself inside a function handed to a pipeline runner', () => {
    const lines = py(
      'def untag(key, members):\n    def _untag(conn, members):\n        for member in members:\n            r.srem(key, member)\n    return run_pipelined(_untag, members)\n\n\ndef run_pipelined(operation, *args):\n    pipe = r.pipeline()\n    operation(pipe, *args)\n    return pipe.execute()\n',
    );
    expect(lines).toEqual([9]);
  });
});
