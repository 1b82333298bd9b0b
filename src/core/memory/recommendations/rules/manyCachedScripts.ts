/** More than 10 cached Lua scripts: usually scripts built with values inlined, each a new script in memory. */
import { nodeInfo } from '../../serverFacts';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';

const THRESHOLD = 10;

export const manyCachedScripts: Recommendation = {
  id: 'many-cached-scripts',
  severity: 'warning',
  title: 'Avoid dynamic Lua scripts',
  rationale: 'Every distinct script body sent with EVAL is compiled and kept until SCRIPT FLUSH; scripts generated with values inside them grow memory without bound.',
  check({ facts }) {
    const node = facts.nodes[0];
    const scripts = node ? nodeInfo(node, 'number_of_cached_scripts') ?? 0 : 0;
    if (scripts <= THRESHOLD) return undefined;
    const bytes = node ? nodeInfo(node, 'used_memory_scripts_eval') ?? nodeInfo(node, 'used_memory_lua') : undefined;
    return {
      evidence: `${formatCount(scripts)} scripts are cached${bytes !== undefined ? ` (${formatCount(bytes)} bytes)` : ''}.`,
      action: 'Pass values through KEYS and ARGV so the script text is constant (EVALSHA <sha> 1 key arg), or register it once with FUNCTION LOAD and call FCALL.',
    };
  },
};
