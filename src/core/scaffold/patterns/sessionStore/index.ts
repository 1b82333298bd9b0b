/** The session-store pattern: a hash per session with sliding expiry and size bounds. */
import type { ScaffoldPattern } from '../../types';
import { sessionStorePython } from './python';
import { sessionStorePythonTest, sessionStoreTypescriptTest } from './tests';
import { sessionStoreTypescript } from './typescript';

export const sessionStore: ScaffoldPattern = {
  id: 'session-store',
  title: 'Session store',
  description: 'Hash per session with sliding expiry, touch/destroy, and bounded size (fields and value bytes).',
  structures: 'hash with TTL, Lua (HSET + EXPIRE, HGETALL + EXPIRE)',
  defaultPrefix: 'session',
  multiKey: false,
  templates: {
    python: { moduleName: 'session_store', module: sessionStorePython, test: sessionStorePythonTest },
    typescript: { moduleName: 'sessionStore', module: sessionStoreTypescript, test: sessionStoreTypescriptTest },
  },
};
