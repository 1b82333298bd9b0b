/** The project's package-level Go client variables by package directory, as the workspace index answers for them. */
import type { FileSummary } from '../fileSummary';
import type { GoPackageClientRef } from '../workspaceLookup';

export class GoPackageClientVars {
  /** Package directory ("a/b/infra/") → variable name → the client, or null when two files of the package disagree. */
  private readonly byDir = new Map<string, Map<string, GoPackageClientRef | null>>();
  /** Directories by their last segment, for import paths. */
  private readonly byLastSegment = new Map<string, string[]>();
  /** Whole-word uses of any of the names as a receiver (`Grds.`), or null when there is none. */
  readonly pattern: RegExp | null;

  constructor(files: Iterable<FileSummary>) {
    const names = new Set<string>();
    for (const file of files) {
      const clients = file.goFacts?.packageClients;
      if (!clients?.length) continue;
      const dir = file.path.slice(0, file.path.lastIndexOf('/') + 1);
      let vars = this.byDir.get(dir);
      if (!vars) {
        vars = new Map();
        this.byDir.set(dir, vars);
        const last = dir.slice(0, -1).split('/').pop() ?? '';
        this.byLastSegment.set(last, [...(this.byLastSegment.get(last) ?? []), dir]);
      }
      for (const client of clients) {
        const ref = { library: client.library, kind: client.kind, identity: `${file.path}#${client.name}` };
        const before = vars.get(client.name);
        vars.set(client.name, before === undefined || (before && before.kind === ref.kind && before.library === ref.library) ? (before ?? ref) : null);
        names.add(client.name);
      }
    }
    this.pattern = names.size ? new RegExp(`(?<![\\w$])(?:${[...names].join('|')})\\s*\\.\\s*[A-Z]\\w*\\s*\\(`) : null;
  }

  /**
   * `name` of the package of `fromPath` (a file of the same directory, not `fromPath` itself: its own variables are
   * its own declarations) or of the package imported as `importPath`: the directory whose path ends with the most
   * segments of the import path, when one does.
   */
  client(fromPath: string, importPath: string | undefined, name: string): GoPackageClientRef | undefined {
    const dir = importPath === undefined ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1) : this.importedDir(importPath);
    const found = dir !== undefined ? this.byDir.get(dir)?.get(name) : undefined;
    if (!found || (importPath === undefined && found.identity === `${fromPath}#${name}`)) return undefined;
    return found;
  }

  private importedDir(importPath: string): string | undefined {
    const segments = importPath.split('/');
    let best: string | undefined;
    let bestLength = 0;
    let tied = false;
    for (const dir of this.byLastSegment.get(segments[segments.length - 1]) ?? []) {
      const parts = dir.slice(0, -1).split('/');
      let length = 0;
      while (length < parts.length && length < segments.length && parts[parts.length - 1 - length] === segments[segments.length - 1 - length]) length++;
      if (length > bestLength) [best, bestLength, tied] = [dir, length, false];
      else if (length === bestLength) tied = true;
    }
    return tied ? undefined : best;
  }
}
