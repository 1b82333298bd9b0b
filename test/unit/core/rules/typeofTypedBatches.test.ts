/**
 * A batch whose annotation is read off a value (`const multi: ReturnType<typeof this.client.multi> = this.client.multi()`)
 * is whatever that value is: its commands are judged as those of an unannotated batch, not dropped as a typed non-client.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const BASE = {
  path: 'src/services/redis/base.cache.ts',
  text: `import { createClient } from 'redis';

export abstract class BaseCache {
  client: ReturnType<typeof createClient>;

  constructor() {
    this.client = createClient({ url: process.env.REDIS_URL });
    this.client.on('error', () => undefined);
  }
}
`,
};

const COMMENTS = {
  path: 'src/services/redis/comment.cache.ts',
  text: `import { BaseCache } from '@service/redis/base.cache';

export class CommentCache extends BaseCache {
  async add(postId: string, value: string) {
    await this.client.LPUSH(\`comments:\${postId}\`, value);
  }
}
`,
};

describe('batches typed with typeof', () => {
  it('reports the DEL and LREM queued on a MULTI typed as ReturnType<typeof this.client.multi>', () => {
    const posts = {
      path: 'src/services/redis/post.cache.ts',
      text: `import { BaseCache } from '@service/redis/base.cache';

export class PostCache extends BaseCache {
  async remove(key: string, comment: string) {
    const multi: ReturnType<typeof this.client.multi> = this.client.multi();
    multi.ZREM('post', key);
    multi.DEL(\`comments:\${key}\`);
    multi.LREM(\`comments:\${key}\`, 1, comment);
    await multi.exec();
  }
}
`,
    };
    const files = [BASE, COMMENTS, posts];
    expect(findingLines.inWorkspace('del-large-key', files, 2)).toEqual([7]);
    expect(findingLines.inWorkspace('expensive-linear-list-ops', files, 2)).toEqual([8]);
  });

  it('still leaves out a binding typed off an in-memory store that runs no Redis-only method', () => {
    const text = `import { createClient } from 'redis';
const client = createClient();
client.on('error', console.error);

const memory = new Map<string, string>();

export async function add(postId: string, value: string) {
  await client.lPush(\`comments:\${postId}\`, value);
}

export function forget(postId: string) {
  const store: typeof memory = memory;
  store.delete(\`comments:\${postId}\`);
}
`;
    expect(findingLines.inFile('del-large-key', { path: 'src/comments.ts', text })).toEqual([]);
  });
});
