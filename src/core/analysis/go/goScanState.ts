/** What the walk over one Go file holds while it goes: what it found so far, the file's declarations, and the functions and loops it is in. */
import type { Node } from 'web-tree-sitter';
import type { ClientCreation, ClientLibrary, RedisCallSite } from '../model';
import type { GoClientPerCall, GoConnectionTake, GoDial } from './goFacts';
import { markClosed, type Frame } from './goConnectionLife';
import { GoDeclarations } from './goDeclarations';
import type { GoLoop } from './goCallSites';
import { defaultLibrary, likelyRef, resolveReceiver } from './goReceivers';
import type { GoRef } from './goScan';
import type { WorkspaceLookup } from '../workspaceLookup';

export class GoScanState {
  readonly callSites: RedisCallSite[] = [];
  readonly helperCalls: RedisCallSite[] = [];
  readonly creations: ClientCreation[] = [];
  readonly dials: GoDial[] = [];
  readonly takes: GoConnectionTake[] = [];
  readonly clientsPerCall: GoClientPerCall[] = [];
  get importedModules(): Set<string> {
    return this.declared.importedModules;
  }
  readonly declared: GoDeclarations;
  /**
   * Marks a client creation as leaving its function; re-analysis after an edit replaces it to note marks on
   * creations of other declarations (see goChanges.ts).
   */
  escape: (creation: ClientCreation) => void = (creation) => {
    creation.escapes = true;
  };
  /** The functions the walk is in, innermost last. */
  readonly frames: Frame[] = [];
  /** The loops of the innermost function the walk is in, innermost last. */
  readonly loops: GoLoop[] = [];

  constructor(
    readonly text: string,
    path: string,
    workspace?: WorkspaceLookup,
  ) {
    this.declared = new GoDeclarations(path, workspace);
  }

  get usesRedisLibrary(): boolean {
    return this.declared.packages.size > 0;
  }

  get frame(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  defaultLibrary(): ClientLibrary {
    return defaultLibrary(this.declared);
  }

  /** The client a receiver expression is, proven or likely, or undefined when it is not a Redis client. */
  resolve(node: Node): GoRef | undefined {
    return resolveReceiver(node, this.declared, this.frame?.names);
  }

  likely(text: string, evidence: string): GoRef {
    return likelyRef(this.declared, text, evidence);
  }

  closed(name: string, deferred: boolean): void {
    markClosed([...this.frames].reverse(), name, deferred);
  }
}
