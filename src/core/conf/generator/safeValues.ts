/**
 * Checks the free-text generator inputs that end up inside shell scripts (backup.sh, cluster-create.sh) and
 * redis.conf: paths, host names and listen addresses. A "$(…)" or quote in a folder name would run as a
 * command in the generated scripts, and a newline would split a directive, so anything outside a
 * conservative alphabet is refused with a message that names the option and the value.
 */

const PATH = /^\/[A-Za-z0-9._/+@-]*$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^[0-9A-Fa-f:.]+$/;
/** redis.conf bind: an IPv4/IPv6 address or host, optionally with a leading "-" (skip when unavailable). */
const BIND = /^-?(?:[0-9A-Fa-f:.]+|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/;

function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** Problems with the given inputs, one sentence each; empty when all are usable. */
export function unsafeGeneratorInputs(inputs: { configDir?: string; dataDir?: string; logDir?: string; runDir?: string; announceHost?: string; bind?: string[] }): string[] {
  const problems: string[] = [];
  const paths: Array<[string, string | undefined]> = [['config-dir', inputs.configDir], ['data-dir', inputs.dataDir], ['log-dir', inputs.logDir], ['run-dir', inputs.runDir]];
  for (const [name, value] of paths) {
    if (value !== undefined && (!PATH.test(value) || value.split('/').includes('..'))) {
      problems.push(`${name} ${shown(value)} is not usable: give an absolute path of letters, digits and . _ - + @ / (it is written into shell scripts)`);
    }
  }
  if (inputs.announceHost !== undefined && !HOST.test(inputs.announceHost)) {
    problems.push(`announce-host ${shown(inputs.announceHost)} is not a host name or IP address`);
  }
  for (const address of inputs.bind ?? []) {
    if (!BIND.test(address)) problems.push(`bind ${shown(address)} is not an IP address or host name`);
  }
  return problems;
}
