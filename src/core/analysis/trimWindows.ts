/** Trims that keep a list or sorted set at a small fixed window: such a collection never holds more than the window. */
import { numberOf } from './argumentValues';
import type { RedisCallSite } from './model';

/**
 * A trim window this small (a chat room's last 100 messages, a top-100 board) is freed at once; a wider window
 * (a feed of 1000 entries) is still treated as a collection worth UNLINKing, as del-large-key's examples show.
 */
const SMALL_WINDOW = 100;

/**
 * What the workspace index records, next to the key's commands, for a key some file trims to a small window: the
 * window's size is not in the command name, and a file that only deletes the key must still see it.
 */
export const SMALL_WINDOW_MARK = 'small-window';

/**
 * A trim to a fixed window of at most SMALL_WINDOW entries: `LTRIM key 0 99` or `LTRIM key -100 -1` (the newest 100),
 * `ZREMRANGEBYRANK key 0 -101` (all but the top 100). The window is written in the code, so the list or sorted set
 * never holds more than it after each write.
 */
export function keepsSmallWindow(site: RedisCallSite): boolean {
  if (site.command !== 'LTRIM' && site.command !== 'ZREMRANGEBYRANK') return false;
  const start = numberOf(site.args[1]);
  const stop = numberOf(site.args[2]);
  if (start === undefined || stop === undefined) return false;
  let kept: number | undefined;
  if (site.command === 'LTRIM') kept = start >= 0 && stop >= start ? stop - start + 1 : start < 0 && stop === -1 ? -start : undefined;
  else kept = start === 0 && stop < 0 ? -stop - 1 : undefined;
  return kept !== undefined && kept <= SMALL_WINDOW;
}
