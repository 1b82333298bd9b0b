/** Servers older than 7.2: no CLIENT NO-TOUCH, no listpack sets, fewer memory savings; 7.0 is past its support window. */
import { serverVersion } from '../../serverFacts';
import type { Recommendation } from '../recommendation';

const MINIMUM: [number, number] = [7, 2];

export const oldServerVersion: Recommendation = {
  id: 'old-server-version',
  severity: 'info',
  title: 'Upgrade Redis',
  rationale: 'Redis 7.2 and later store small sets and lists as listpacks, add CLIENT NO-TOUCH for tooling and many memory and latency fixes; older releases no longer get them.',
  check({ facts }) {
    const version = serverVersion(facts);
    if (!version) return undefined;
    const [major, minor] = version;
    if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return undefined;
    return {
      evidence: `The server runs Redis ${version.join('.')}.`,
      action: 'Upgrade to a supported release (7.2 or later, ideally the current one); no configuration changes are needed for the listpack savings.',
    };
  },
};
