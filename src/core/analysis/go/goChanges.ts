/**
 * What a top-level Go declaration tells the declarations after it, as a list of notes: the client-typed fields,
 * package variables and factories it declares or assigns, and the creations of other declarations it marks as
 * escaping. Re-analysis after an edit replays the notes of declarations it keeps instead of reading them again;
 * when the notes of the whole file differ from the previous analysis's, what was kept may be stale.
 */
import type { ClientCreation } from '../model';

export type GoNote = { map: 'fields' | 'packageVars' | 'factories' | 'accessors'; key: string; value: unknown } | { escapes: number };

/** A map whose writes are noted in its owner's current note list (when there is one). */
export class NotedMap<V> extends Map<string, V> {
  constructor(
    private readonly mapName: 'fields' | 'packageVars' | 'factories' | 'accessors',
    private readonly owner: { notes: GoNote[] | undefined },
  ) {
    super();
  }

  override set(key: string, value: V): this {
    this.owner?.notes?.push({ map: this.mapName, key, value });
    return super.set(key, value);
  }

  /** Writes a noted value again without noting it (the note is already in the kept declaration's list). */
  replay(key: string, value: V): void {
    super.set(key, value);
  }
}

/** The offset that names a creation in escape notes. */
export function creationOffset(creation: ClientCreation): number {
  return creation.callSpan.startOffset;
}
