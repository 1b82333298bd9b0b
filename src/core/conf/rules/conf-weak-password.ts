/** conf-weak-password: short passwords in requirepass, masterauth or `>password` ACL rules. */
import type { ConfRule } from '../rule';

const MIN_LENGTH = 32;

export const confWeakPassword: ConfRule = {
  id: 'conf-weak-password',
  code: 'RC042',
  severity: 'warning',
  category: 'security',
  summary: 'Password shorter than 32 characters.',
  rationale: 'Redis answers hundreds of thousands of AUTH attempts per second, so short or dictionary passwords fall to brute force. Use long random secrets (e.g. `openssl rand -hex 32`).',
  bad: 'requirepass hunter2',
  good: 'requirepass 1f6d0c9b8a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504',
  check(context) {
    const reports = [];
    for (const name of ['requirepass', 'masterauth']) {
      for (const directive of context.all(name)) {
        const value = directive.args[0]?.value ?? '';
        if (value !== '' && value.length < MIN_LENGTH) reports.push({ message: `${directive.name} is only ${value.length} characters; use a random secret of at least ${MIN_LENGTH}.`, ...context.argRange(directive, 0) });
      }
    }
    for (const user of context.userLines()) {
      user.args.forEach((arg, index) => {
        if (arg.value.startsWith('>') && arg.value.length - 1 < MIN_LENGTH) {
          reports.push({ message: `The password of ACL user "${user.args[0]?.value}" is only ${arg.value.length - 1} characters.`, ...context.argRange(user, index) });
        }
      });
    }
    return reports;
  },
};
