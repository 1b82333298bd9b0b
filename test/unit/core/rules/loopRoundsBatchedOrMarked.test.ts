/**
 * command-in-loop on loop commands that are already one batch, or that straddle the round's own work: commands
 * queued on a pipeline or BITFIELD builder made before the loop, a helper handed such a pipeline, and a status
 * marker moved to its next state after the round's work. The same commands on the client itself are still reported.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(text: string, path = 'app/jobs.py'): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const lines = (...rows: string[]) => rows.join('\n') + '\n';

describe('command-in-loop: commands queued on a batch builder made before the loop', () => {
  it('does not report commands on a client name rebound to a pipeline, or on a BITFIELD builder', () => {
    expect(loopLines(lines('import redis', 'r = redis.Redis()', '', '', 'def mark(names, uid, use_pipeline):', '    client = r', '    if use_pipeline:', '        client = client.pipeline()', '    for name in names:', '        client.setbit(f"ev:{name}", uid, 1)', '    if use_pipeline:', '        client.execute()'))).toEqual([]);
    expect(loopLines(lines('import redis', 'r = redis.Redis()', '', '', 'def bits(key, indexes):', '    ops = r.bitfield(key)', '    for index in indexes:', '        ops.get(fmt="u1", offset=f"#{index}")', '    return ops.execute()'))).toEqual([]);
  });

  it('does not report a helper of the file that is handed the pipeline of a with block', () => {
    const text = lines(
      'import redis',
      'r = redis.Redis()',
      '',
      '',
      'def fetch_raw(pk, conn):',
      '    return conn.hgetall(f"obj:{pk}")',
      '',
      '',
      'def fetch_all(pks):',
      '    with r.pipeline() as pipe:',
      '        for pk in pks:',
      '            fetch_raw(pk, pipe)',
      '        return pipe.execute()',
    );
    expect(loopLines(text)).toEqual([]);
  });

  it('still reports the helper when it is handed the client, and commands on the client itself', () => {
    const text = lines('import redis', 'r = redis.Redis()', '', '', 'def fetch_raw(pk, conn):', '    return conn.hgetall(f"obj:{pk}")', '', '', 'def fetch_all(pks):', '    return [fetch_raw(pk, r) for pk in pks]');
    expect(loopLines(text)).toEqual([10]);
    expect(loopLines(lines('import redis', 'r = redis.Redis()', '', '', 'def bits(keys, uid):', '    pipe = r.pipeline()', '    for key in keys:', '        r.setbit(key, uid, 1)', '    pipe.execute()'))).toEqual([8]);
  });
});

describe('command-in-loop: a status marker moved to its next state after the round', () => {
  it('does not report a SET of "in-progress" and of "done" around the round\'s work', () => {
    const text = lines('import redis', 'r = redis.Redis()', '', '', 'def process(paths):', '    for path in paths:', '        r.set(path, "in-progress")', '        faces = extract(path)', '        store(faces)', '        r.set(path, "done")');
    expect(loopLines(text)).toEqual([]);
  });

  it('still reports two writes of the same key with no work of the round between them', () => {
    const text = lines('import redis', 'r = redis.Redis()', '', '', 'def process(paths):', '    for path in paths:', '        r.set(path, "queued")', '        r.set(path, "done")');
    expect(loopLines(text)).toEqual([7]);
  });
});
