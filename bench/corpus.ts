/** The generated lint corpus: ~100k lines of mixed Python/TypeScript, about a third of the files using Redis. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TARGET_LINES = 100_000;

export function pythonRedis(i: number): string {
  return `"""Service ${i}: caching and counters."""
import json
import redis

from app.db import load_row${i}

r${i} = redis.Redis(host="localhost", socket_timeout=5)


class Store${i}:
    def __init__(self, client: redis.Redis):
        self.redis = client
        self.local = {}

    def get(self, uid):
        cached = self.redis.get(f"item${i}:{uid}")
        if cached is not None:
            return json.loads(cached)
        row = load_row${i}(uid)
        self.redis.set(f"item${i}:{uid}", json.dumps(row), ex=300)
        return row

    def many(self, ids):
        with self.redis.pipeline(transaction=False) as pipe:
            for uid in ids:
                pipe.get(f"item${i}:{uid}")
            return pipe.execute()

    def names(self):
        return sorted(self.local.keys())

    def tags(self, uid):
        return self.redis.smembers(f"tags${i}:{uid}")

    def bump(self, uid):
        count = self.redis.incr(f"count${i}:{uid}")
        if count == 1:
            self.redis.expire(f"count${i}:{uid}", 60)
        return count


def purge${i}(prefix):
    for key in r${i}.scan_iter(match=f"{prefix}:*", count=500):
        r${i}.unlink(key)


def report${i}(rows):
    totals = {}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["value"]
    return {k: v for k, v in totals.items() if v > 0}


def legacy${i}():
    return r${i}.keys("legacy${i}:*")
`;
}

function pythonPlain(i: number): string {
  const body = Array.from({ length: 6 }, (_, j) => `
def transform${i}_${j}(items, factor=${j + 1}):
    """Scale and filter a list of records."""
    out = []
    for item in items:
        if item.get("active"):
            value = item["value"] * factor
            out.append({"id": item["id"], "value": value, "keys": list(item.keys())})
    return sorted(out, key=lambda x: x["value"])
`).join('');
  return `"""Utilities ${i}."""
import math
from dataclasses import dataclass


@dataclass
class Point${i}:
    x: float
    y: float

    def norm(self):
        return math.sqrt(self.x * self.x + self.y * self.y)
${body}`;
}

function scriptRedis(i: number): string {
  return `import Redis from 'ioredis';
import express from 'express';

const redis${i} = new Redis(process.env.REDIS_URL);
redis${i}.on('error', (err) => console.error(err));
const router${i} = express.Router();
const defaults${i} = new Map([['theme', 'light']]);

router${i}.get('/items/:id', async (req, res) => {
  const cached = await redis${i}.get('item${i}:' + req.params.id);
  if (cached) return res.json(JSON.parse(cached));
  const row = { id: req.params.id, keys: Object.keys(req.query) };
  await redis${i}.set('item${i}:' + req.params.id, JSON.stringify(row), 'EX', 300);
  return res.json(row);
});

router${i}.get('/items', async (req, res) => {
  const ids = String(req.query.ids || '').split(',');
  const pipeline = redis${i}.pipeline();
  for (const id of ids) pipeline.get('item${i}:' + id);
  const results = await pipeline.exec();
  res.json(results.map(([, value]) => value));
});

export async function tags${i}(id) {
  return redis${i}.smembers('tags${i}:' + id);
}

export async function legacy${i}() {
  return redis${i}.keys('legacy${i}:*');
}

export function settings${i}() {
  return [...defaults${i}.keys()];
}

export async function bump${i}(id) {
  const count = await redis${i}.incr('count${i}:' + id);
  if (count === 1) await redis${i}.expire('count${i}:' + id, 60);
  return count;
}

export { router${i} };
`;
}

function scriptPlain(i: number): string {
  const body = Array.from({ length: 6 }, (_, j) => `
export function transform${i}_${j}(items, factor = ${j + 1}) {
  const out = [];
  for (const item of items) {
    if (!item.active) continue;
    out.push({ id: item.id, value: item.value * factor, keys: Object.keys(item) });
  }
  return out.sort((a, b) => a.value - b.value);
}
`).join('');
  return `// Utilities ${i}
export class Point${i} {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  norm() {
    return Math.hypot(this.x, this.y);
  }
}
${body}`;
}

export function generateCorpus(dir: string): { all: string[]; ts: string[]; redis: string[]; bytes: number; lines: number } {
  const all: string[] = [];
  const ts: string[] = [];
  const redis: string[] = [];
  let lines = 0;
  let bytes = 0;
  for (let i = 0; lines < TARGET_LINES; i++) {
    const usesRedis = i % 3 === 0;
    const python = i % 2 === 0;
    const text = python ? (usesRedis ? pythonRedis(i) : pythonPlain(i)) : usesRedis ? scriptRedis(i) : scriptPlain(i);
    const folder = join(dir, python ? 'app' : 'src', `m${Math.floor(i / 50)}`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${python ? 'module' : 'module'}${i}.${python ? 'py' : 'ts'}`);
    writeFileSync(path, text);
    all.push(path);
    if (!python) ts.push(path);
    if (usesRedis) redis.push(path);
    lines += text.split('\n').length;
    bytes += Buffer.byteLength(text);
  }
  return { all, ts, redis, bytes, lines };
}

export function sizeOf(paths: string[]): number {
  return paths.reduce((sum, p) => sum + readFileSync(p).length, 0);
}

