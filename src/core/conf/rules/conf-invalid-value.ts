/** conf-invalid-value: a value Redis rejects (type, enum, range, memory syntax). */
import type { ConfRule } from '../rule';
import { invalidValueReason } from '../values';

export const confInvalidValue: ConfRule = {
  id: 'conf-invalid-value',
  code: 'RC004',
  severity: 'error',
  category: 'syntax',
  summary: 'Value of the wrong type, outside its range, or not an allowed choice.',
  rationale: 'The server validates every value at start and refuses the whole file on the first bad one (e.g. "argument must be a memory value" for 1.5gb).',
  bad: 'maxmemory 1.5gb',
  good: 'maxmemory 1536mb',
  check(context) {
    return context.directives.flatMap((directive) => {
      const info = context.info(directive.name);
      if (!info || directive.args.length < info.args[0] || (info.args[1] >= 0 && directive.args.length > info.args[1])) return [];
      const reason = invalidValueReason(info, directive.args.map((arg) => arg.value));
      if (!reason) return [];
      const range = info.type === 'special' ? context.lineRange(directive) : context.argRange(directive, 0);
      return [{ message: `Invalid value for "${directive.name}": ${reason}.`, ...range }];
    });
  },
};
