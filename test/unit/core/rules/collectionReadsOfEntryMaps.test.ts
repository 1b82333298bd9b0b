/**
 * unbounded-collection-read on global hashes whose fields the project removes one at a time (HDEL when a room closes)
 * or adds only if absent (HSETNX per login): a map of entries, read whole with HGETALL. Tricky negatives: a
 * per-entity record hash with one field dropped, a global hash nobody removes entries from, and a demo hash given
 * fields written in the code with HSETNX.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('unbounded-collection-read on global entry maps', () => {
  it('reports HGETALL of a global hash another file removes entries from with HDEL', () => {
    const sources = [
      { path: 'src/lobby.ts', text: `${TS_CLIENT}\nexport async function openRooms() {\n  return redis.hgetall('rooms');\n}\n` },
      { path: 'src/rooms.ts', text: `${TS_CLIENT}\nexport async function open(room: { id: string }) {\n  await redis.hset('rooms', room.id, JSON.stringify(room));\n}\nexport async function close(id: string) {\n  await redis.hdel('rooms', id);\n}\n` },
    ];
    expect(wholeReadLines(sources, 0)).toEqual([6]);
  });

  it('reports HGETALL of a global hash the same file fills with HSETNX per login (Python)', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\ndef login(token, user_id):\n    r.hsetnx("refresh-tokens", token, user_id)\n\ndef everyone():\n    return r.hgetall("refresh-tokens")\n';
    expect(wholeReadLines([{ path: 'app/tokens.py', text }], 0)).toEqual([9]);
  });

  it('leaves a per-user record alone whose one field is dropped, and a global hash whose entries never leave', () => {
    const record = [
      { path: 'src/profile.ts', text: `${TS_CLIENT}\nexport async function profile(id: string) {\n  return redis.hgetall(\`user:\${id}\`);\n}\n` },
      { path: 'src/flash.ts', text: `${TS_CLIENT}\nexport async function save(id: string, name: string) {\n  await redis.hset(\`user:\${id}\`, 'name', name);\n}\nexport async function clearFlash(id: string) {\n  await redis.hdel(\`user:\${id}\`, 'flash');\n}\n` },
    ];
    expect(wholeReadLines(record, 0)).toEqual([]);
    const settings = [
      { path: 'src/settings.ts', text: `${TS_CLIENT}\nexport async function settings() {\n  return redis.hgetall('settings');\n}\nexport async function setTheme(theme: string) {\n  await redis.hset('settings', 'theme', theme);\n}\n` },
    ];
    expect(wholeReadLines(settings, 0)).toEqual([]);
  });
});

describe('unbounded-collection-read on a demo hash', () => {
  it('leaves HGETALL alone after HSETNX of fields written in the code', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\nk = "bar"\nr.hsetnx(k, 1, 0.1)\nr.hsetnx(k, 2, 0.2)\nr.hgetall(k)\n';
    expect(wholeReadLines([{ path: 'demo/hashes.py', text }], 0)).toEqual([]);
  });
});
