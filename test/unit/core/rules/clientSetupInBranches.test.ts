/**
 * Client set-ups that choose between constructors in a conditional expression (`url ? new Redis(url) : new Redis(opts)`)
 * and re-select their database when they (re)connect: the client is the one stored, its listeners and setup are its own.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('client set-ups in conditional expressions and connect handlers', () => {
  it("takes a listener attached through a list of event names to cover a client chosen by a conditional expression", () => {
    const text = `const Redis = require('ioredis');

function Store(options) {
  let client;
  if (options.cluster) {
    client = new Redis.Cluster(options.nodes);
  } else {
    client = options.url ? new Redis(options.url, options) : new Redis(options);
  }
  ['connect', 'ready', 'error', 'close'].forEach((name) => {
    client.on(name, (...args) => this.emit(name, ...args));
  });
  this.client = client;
}

module.exports = Store;
`;
    expect(findingLines.inFile('missing-error-listener', { path: 'src/store.js', text })).toEqual([]);
  });

  it('still reports a client chosen by a conditional expression when the list of events leaves out error', () => {
    const text = `const Redis = require('ioredis');

function Store(options) {
  const client = options.url ? new Redis(options.url) : new Redis(options);
  ['connect', 'close'].forEach((name) => client.on(name, () => console.log(name)));
  this.client = client;
}

module.exports = Store;
`;
    expect(findingLines.inFile('missing-error-listener', { path: 'src/store.js', text })).toEqual([4]);
  });

  it("leaves out a SELECT of the configured database in the client's own 'connect' listener", () => {
    const text = `const Redis = require('ioredis');

function Store(options) {
  const client = new Redis(options);
  client.on('error', console.error);
  if (options.db) {
    client.select(options.db);
    client.on('connect', () => {
      client.select(options.db);
    });
  }
  this.client = client;
}

module.exports = Store;
`;
    expect(findingLines.inFile('select-db', { path: 'src/store.js', text })).toEqual([]);
  });

  it('still reports a SELECT in a connect listener of another emitter, or of a literal database', () => {
    const text = `const Redis = require('ioredis');
const shared = new Redis();
shared.on('error', console.error);

function watch(socket, options) {
  socket.on('connect', () => {
    shared.select(options.db);
  });
  shared.on('ready', () => {
    shared.select(3);
  });
}

module.exports = watch;
`;
    expect(findingLines.inFile('select-db', { path: 'src/watch.js', text })).toEqual([7, 10]);
  });
});
