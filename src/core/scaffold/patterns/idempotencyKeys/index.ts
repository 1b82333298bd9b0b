/** The idempotency-keys pattern: SET NX records a request once and replays the stored result. */
import type { ScaffoldPattern } from '../../types';
import { idempotencyKeysPython } from './python';
import { idempotencyKeysPythonTest, idempotencyKeysTypescriptTest } from './tests';
import { idempotencyKeysTypescript } from './typescript';

export const idempotencyKeys: ScaffoldPattern = {
  id: 'idempotency-keys',
  title: 'Idempotency keys',
  description: 'SET NX EX records a request once; replays return the stored result, concurrent duplicates wait or get 409.',
  structures: 'string with TTL (SET NX PX), Lua compare-and-set on completion',
  defaultPrefix: 'idempotency',
  multiKey: false,
  templates: {
    python: { moduleName: 'idempotency_keys', module: idempotencyKeysPython, test: idempotencyKeysPythonTest },
    typescript: { moduleName: 'idempotencyKeys', module: idempotencyKeysTypescript, test: idempotencyKeysTypescriptTest },
  },
};
