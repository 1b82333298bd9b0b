/** plaintext-remote-connection and redis:// URLs held in a constant of the file, as a seeder or a connector script writes them. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('plaintext-remote-connection: URLs held in constants', () => {
  it('reports a redis:// URL to a cloud host held in a constant, once at the literal for every client built on it', () => {
    const text = `const redis = require('redis');
const REDIS_URL = 'redis://cache-1.abc123.use1.cache.amazonaws.com:6379';
const client = redis.createClient(REDIS_URL);
const subscriber = redis.createClient(REDIS_URL);
client.on('error', console.error);
subscriber.on('error', console.error);
`;
    expect(findingLines.inFile('plaintext-remote-connection', { path: 'src/connector.js', text })).toEqual([2]);
  });

  it('leaves out constants holding local, private or TLS URLs, and a constant reassigned elsewhere', () => {
    const text = `const redis = require('redis');
const LOCAL_URL = 'redis://localhost:6379';
const PRIVATE_URL = 'redis://10.0.3.7:6379';
const TLS_URL = 'rediss://cache-1.abc123.use1.cache.amazonaws.com:6380';
let url = 'redis://cache-1.abc123.use1.cache.amazonaws.com:6379';
if (process.env.REDIS_URL) url = process.env.REDIS_URL;
const a = redis.createClient(LOCAL_URL);
const b = redis.createClient(PRIVATE_URL);
const c = redis.createClient(TLS_URL);
const d = redis.createClient(url);
for (const x of [a, b, c, d]) x.on('error', console.error);
`;
    expect(findingLines.inFile('plaintext-remote-connection', { path: 'src/connector.js', text })).toEqual([]);
  });
});
