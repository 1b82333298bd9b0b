/** The distributed-lock pattern: SET NX PX with a random token, Lua compare-and-delete release and extend. */
import type { ScaffoldPattern } from '../../types';
import { distributedLockPython } from './python';
import { distributedLockPythonTest, distributedLockTypescriptTest } from './tests';
import { distributedLockTypescript } from './typescript';

export const distributedLock: ScaffoldPattern = {
  id: 'distributed-lock',
  title: 'Distributed lock',
  description: 'Single-instance lease lock: SET NX PX with a random token, owner-checked release and extend (not Redlock).',
  structures: 'string with TTL, Lua (GET + DEL / PEXPIRE)',
  defaultPrefix: 'lock',
  multiKey: false,
  templates: {
    python: { moduleName: 'distributed_lock', module: distributedLockPython, test: distributedLockPythonTest },
    typescript: { moduleName: 'distributedLock', module: distributedLockTypescript, test: distributedLockTypescriptTest },
  },
};
