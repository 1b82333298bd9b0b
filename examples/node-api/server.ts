// Express + ioredis service (a realistic sample with Redis mistakes to review).
import express from 'express';
import Redis from 'ioredis';

const app = express();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

app.get('/leaderboard/reset', async (_req, res) => {
  const keys = await redis.keys('leaderboard:*');
  for (const key of keys) {
    await redis.del(key);
  }
  res.json({ removed: keys.length });
});

app.get('/users/:id', async (req, res) => {
  const cached = await redis.get(`cache:user:${req.params.id}`);
  if (cached) return res.json(JSON.parse(cached));
  const user = { id: req.params.id, name: 'Ada' };
  await redis.set(`cache:user:${req.params.id}`, JSON.stringify(user));
  res.json(user);
});

app.post('/events', async (req, res) => {
  await redis.xadd('events:clicks', '*', 'payload', JSON.stringify(req.body));
  res.sendStatus(202);
});

app.get('/config', (_req, res) => {
  const settings = { region: 'eu', tier: 'gold' };
  // Object.keys is not Redis: never flagged.
  res.json(Object.keys(settings));
});

app.listen(3000);
