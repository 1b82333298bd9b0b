/** The leaderboard pattern: a sorted set with ranks, top N, neighbours and pages. */
import type { ScaffoldPattern } from '../../types';
import { leaderboardPython } from './python';
import { leaderboardPythonTest, leaderboardTypescriptTest } from './tests';
import { leaderboardTypescript } from './typescript';

export const leaderboard: ScaffoldPattern = {
  id: 'leaderboard',
  title: 'Leaderboard',
  description: 'Sorted set: add/increment, top N, rank, members around a player, pagination, optional size cap.',
  structures: 'sorted set (ZADD, ZINCRBY, ZREVRANGE, ZREVRANK), Lua for neighbours',
  defaultPrefix: 'leaderboard',
  multiKey: false,
  templates: {
    python: { moduleName: 'leaderboard', module: leaderboardPython, test: leaderboardPythonTest },
    typescript: { moduleName: 'leaderboard', module: leaderboardTypescript, test: leaderboardTypescriptTest },
  },
};
