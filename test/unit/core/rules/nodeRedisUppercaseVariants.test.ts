/**
 * node-redis v4 names every command also in capitals, the WITHSCORES variants with an underscore
 * (`ZRANGE_WITHSCORES`, `ZRANGEBYSCORE_WITHSCORES`): they send the command of their camel-case twin.
 */
import { describe, expect, it } from 'vitest';
import { commandForMethod } from '../../../../src/core/analysis/commandNames';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();
const HEAD = "import { createClient } from 'redis';\n\nconst client = await createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();\n\n";

describe('capitalised node-redis WITHSCORES methods', () => {
  it('send the command of their camel-case twin', () => {
    expect(commandForMethod('ZRANGE_WITHSCORES')).toBe('ZRANGE');
    expect(commandForMethod('ZRANGEBYSCORE_WITHSCORES')).toBe('ZRANGEBYSCORE');
    expect(commandForMethod('zRangeWithScores')).toBe('ZRANGE');
    expect(commandForMethod('NOT_A_COMMAND')).toBeUndefined();
  });

  it('a whole read of a global leaderboard through ZRANGE_WITHSCORES is reported, a page of it is not', () => {
    const whole = HEAD + "export const board = () => client.ZRANGE_WITHSCORES('leaderboard', 0, -1, { REV: true });\n";
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/board.ts', text: whole })).toEqual([5]);
    const page = HEAD + "export const top = () => client.ZRANGE_WITHSCORES('leaderboard', 0, 9, { REV: true });\n";
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/board.ts', text: page })).toEqual([]);
  });
});
