/**
 * `self.bg_save()` in a class that defines `bg_save` itself calls the project's own method, even when redis-py has
 * a method of that name: the command is reported inside the method, where it is sent.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

/** A call on `self`/`this`, judged a client by evidence only, of a method the file defines in a class. */
export function callsOwnMethod(model: FileModel, site: RedisCallSite): boolean {
  if (site.receiver.confidence !== 'likely' || !/^(self|this)$/.test(site.receiver.text)) return false;
  const name = escapeRegExp(site.method);
  const definition =
    model.language === 'python'
      ? new RegExp(`^[ \\t]+(?:async[ \\t]+)?def[ \\t]+${name}[ \\t]*\\(`, 'm')
      : new RegExp(`^[ \\t]+(?:(?:public|private|protected|static|async|override)[ \\t]+)*${name}[ \\t]*\\([^)]*\\)[ \\t]*(?::[^{\\n]+)?\\{`, 'm');
  return definition.test(model.text);
}
