/**
 * Python scripts rebind module-level names as they go (`key = "foo"` before each block that uses it). Such a name
 * is no constant, but at a given line of straight module code it holds the literal of its latest assignment.
 */
import type { Arg, FileModel } from '../../analysis/model';
import { stringLiteralAt } from './constants';

const NAME = /^[A-Za-z_]\w*$/;

/**
 * The string literal a bare name holds at `arg`, in Python module-level code: its latest column-0 assignment
 * before the use is `name = "literal"`, and nothing assigns the name between that line and the use.
 */
export function literalBoundBefore(model: FileModel, arg: Arg | undefined): Arg | undefined {
  if (!arg || model.language !== 'python' || arg.value.kind !== 'name' || !NAME.test(arg.value.name)) return undefined;
  const name = arg.value.name;
  const before = model.text.slice(0, arg.span.startOffset);
  const assignments = [...before.matchAll(new RegExp(`^([ \\t]*)${name}[ \\t]*=(?!=)[ \\t]*`, 'gm'))];
  const latest = assignments[assignments.length - 1];
  // Indented: inside a block or a function, not straight module code.
  if (!latest || latest[1] !== '') return undefined;
  return stringLiteralAt(model, latest.index! + latest[0].length);
}
