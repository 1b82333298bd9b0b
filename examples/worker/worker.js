// A node-redis queue worker (a realistic sample with Redis mistakes to review).
const { createClient } = require('redis');

const client = createClient({ url: 'redis://cache.internal.example:6379', password: 'hunter2' });

async function main() {
  await client.connect();
  for (;;) {
    const job = await client.blPop('queue:jobs', 0);
    const stale = await client.keys('lock:*');
    console.log(job, stale.length);
  }
}

main();
