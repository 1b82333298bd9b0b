/** conf-wrong-arg-count: a directive with too few or too many arguments. */
import type { ConfRule } from '../rule';
import { wordFor } from '../../text/plural';

export const confWrongArgCount: ConfRule = {
  id: 'conf-wrong-arg-count',
  code: 'RC003',
  severity: 'error',
  category: 'syntax',
  summary: 'Directive with the wrong number of arguments.',
  rationale: 'Redis refuses to start ("wrong number of arguments"). Values containing spaces must be quoted.',
  bad: 'maxmemory 2 gb',
  good: 'maxmemory 2gb',
  check(context) {
    return context.directives.flatMap((directive) => {
      const info = context.info(directive.name);
      if (!info || info.name === 'sentinel') return [];
      const [min, max] = info.args;
      const count = directive.args.length;
      if (count >= min && (max < 0 || count <= max)) return [];
      const expected = max < 0 ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
      return [{ message: `"${directive.name}" takes ${expected} ${wordFor(max < 0 ? min : max, 'argument')}, found ${count}.`, ...context.lineRange(directive) }];
    });
  },
};
