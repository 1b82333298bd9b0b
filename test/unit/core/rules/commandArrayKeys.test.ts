/**
 * Commands queued as arrays (`client.multi([['lpush', key, v], ['ltrim', key, 0, 24]]).exec()`, or arrays pushed to a
 * list handed to multi/batch/pipeline later) act on their key like calls do: a list another module trims this way is
 * capped, so reading it whole elsewhere is bounded. Arrays whose first string is no command, and a list nothing trims,
 * change nothing.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const reader = {
  path: 'src/notifications/read.js',
  text: "const { client } = require('../redis');\n\nexports.forUser = async (name) => {\n  const raw = await client.lrangeAsync(`notifications:${name}`, 0, -1);\n  return raw.map((item) => JSON.parse(item));\n};\n",
};
const redisModule = {
  path: 'src/redis.js',
  text: "const redis = require('redis');\nconst bluebird = require('bluebird');\nbluebird.promisifyAll(redis);\nconst client = redis.createClient(process.env.REDIS_URL);\nclient.on('error', () => {});\nmodule.exports = { client };\n",
};

function writer(trim: boolean, kind: 'push' | 'inline'): { path: string; text: string } {
  const cap = trim ? "    ops.push(['ltrim', key, 0, 49]);\n" : '';
  const text = kind === 'push'
    ? "const { client } = require('../redis');\n\nexports.store = async (items) => {\n  const ops = [];\n  items.forEach((item) => {\n    const key = `notifications:${item.user}`;\n    ops.push(['lpush', key, JSON.stringify(item)]);\n" + cap.replace(/^ {4}/, '    ') + "  });\n  await client.multi(ops).execAsync();\n};\n"
    : "const { client } = require('../redis');\n\nexports.store = async (user, item) => {\n  await client.multi([\n    ['lpush', `notifications:${user}`, JSON.stringify(item)],\n" + (trim ? "    ['ltrim', `notifications:${user}`, 0, 49],\n" : '') + "  ]).execAsync();\n};\n";
  return { path: 'src/notifications/write.js', text };
}

describe('unbounded-collection-read: lists trimmed through queued command arrays', () => {
  it('does not report a whole read of a list another module trims in command arrays pushed to a multi', () => {
    expect(findingLines.inWorkspace('unbounded-collection-read', [reader, redisModule, writer(true, 'push')], 0)).toEqual([]);
  });

  it('does not report it when the trim is written inline in the multi', () => {
    expect(findingLines.inWorkspace('unbounded-collection-read', [reader, redisModule, writer(true, 'inline')], 0)).toEqual([]);
  });

  it('still reports the whole read when the queued commands only push', () => {
    expect(findingLines.inWorkspace('unbounded-collection-read', [reader, redisModule, writer(false, 'push')], 0)).toEqual([4]);
    expect(findingLines.inWorkspace('unbounded-collection-read', [reader, redisModule, writer(false, 'inline')], 0)).toEqual([4]);
  });

  it('does not take an array of words that starts with no command for a queued command', () => {
    const other = { path: 'src/notifications/labels.js', text: "exports.labels = [['lowtrim', `notifications:${'x'}`, 0, 49], ['title', 'Alerts']];\n" };
    expect(findingLines.inWorkspace('unbounded-collection-read', [reader, redisModule, writer(false, 'push'), other], 0)).toEqual([4]);
  });
});
