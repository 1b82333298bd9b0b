/**
 * A workspace lookup that notes each question an analysis asks the index, with its answer. Round two of
 * indexing analyses a file while the index is still changing; its analysis stands for the file's review when
 * the finished index gives every one of those answers again, instead of being made a third time.
 */
import type { FileAnalysis } from './buildModel';
import type { LocatedHelper } from './crossFileHelpers';
import type { ExportedClient, ExportedCommand, GoPackageClientRef, WorkspaceLookup } from './workspaceLookup';

export class RecordedLookup implements WorkspaceLookup {
  /** Question → the answer as JSON and as given, and how to ask it again. */
  private readonly asked = new Map<string, { answer: string | undefined; given: unknown; ask: (index: Required<WorkspaceLookup>) => unknown }>();

  constructor(private readonly index: Required<WorkspaceLookup>) {}

  private note<T>(question: string, ask: (index: Required<WorkspaceLookup>) => T): T {
    const answer = ask(this.index);
    if (!this.asked.has(question)) this.asked.set(question, { answer: JSON.stringify(answer), given: answer, ask });
    return answer;
  }

  /** True when `index` answers every question asked so far as it was answered then. */
  answersAlike(index: Required<WorkspaceLookup>): boolean {
    for (const { answer, given, ask } of this.asked.values()) {
      const now = ask(index);
      // The index hands out the same read-only list while its table is unchanged (the helpers of a name): comparing
      // it as JSON, for every file and every name, grew with the square of the project when many files share a name.
      if (now !== given && JSON.stringify(now) !== answer) return false;
    }
    return true;
  }

  exportedClient(fromPath: string, family: 'python' | 'script', specifier: string, name: string): ExportedClient | undefined {
    return this.note(`client\0${fromPath}\0${family}\0${specifier}\0${name}`, (index) => index.exportedClient(fromPath, family, specifier, name));
  }

  reexportedLibrary(fromPath: string, family: 'python' | 'script', specifier: string): string | undefined {
    return this.note(`reexport\0${fromPath}\0${family}\0${specifier}`, (index) => index.reexportedLibrary(fromPath, family, specifier));
  }

  hasErrorListener(identity: string): boolean {
    return this.note(`listener\0${identity}`, (index) => index.hasErrorListener(identity));
  }

  luaScript(fromPath: string, relativePath: string): string | undefined {
    return this.note(`lua\0${fromPath}\0${relativePath}`, (index) => index.luaScript(fromPath, relativePath));
  }

  roundTripHelpers(name: string): readonly LocatedHelper[] {
    return this.note(`helpers\0${name}`, (index) => index.roundTripHelpers(name));
  }

  moduleMayListen(fromPath: string, specifier: string): boolean {
    return this.note(`mayListen\0${fromPath}\0${specifier}`, (index) => index.moduleMayListen(fromPath, specifier));
  }

  goPackageClient(fromPath: string, importPath: string | undefined, name: string): GoPackageClientRef | undefined {
    return this.note(`goPackageClient\0${fromPath}\0${importPath ?? ''}\0${name}`, (index) => index.goPackageClient(fromPath, importPath, name));
  }

  isRoundTripHelperName(name: string): boolean {
    return this.note(`helperName\0${name}`, (index) => index.isRoundTripHelperName(name));
  }

  picklingClasses(): readonly string[] {
    return this.note('picklingClasses', (index) => index.picklingClasses());
  }

  exportedBoundCommand(fromPath: string, specifier: string, name: string): ExportedCommand | undefined {
    return this.note(`boundCommand\0${fromPath}\0${specifier}\0${name}`, (index) => index.exportedBoundCommand(fromPath, specifier, name));
  }

  get usesRedis(): boolean {
    return this.note('usesRedis', (index) => index.usesRedis);
  }

  get generation(): number {
    return this.index.generation;
  }
}

/** An analysis made against a changing index, valid for a review while the index answers its questions alike. */
export interface RecordedAnalysis {
  analysis: FileAnalysis;
  lookup: RecordedLookup;
}
