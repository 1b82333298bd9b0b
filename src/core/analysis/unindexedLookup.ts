/**
 * The answers of a workspace that knows no file, as an analysis without a workspace behaves: round one of
 * indexing analyses each file with them, through a RecordedLookup, so that round two can tell whether the
 * index built meanwhile would change the file's analysis. When the index gives every recorded answer again,
 * the analysis against it would be the same, and round two keeps round one's instead of making it again.
 *
 * Each answer is the one under which the analysis takes the same path as with no workspace at all:
 * no exported client or re-exported library, no helpers, a project module may listen (as mayAttachListener
 * assumes without a workspace), no pickling classes, no Go package clients, no exported bound commands, no project use of Redis.
 */
import type { LocatedHelper } from './crossFileHelpers';
import { RecordedLookup } from './recordedLookup';
import type { ExportedClient, ExportedCommand, GoPackageClientRef, WorkspaceLookup } from './workspaceLookup';

class UnindexedLookup implements Required<WorkspaceLookup> {
  readonly usesRedis = false;
  readonly generation = 0;

  exportedClient(): ExportedClient | undefined {
    return undefined;
  }

  reexportedLibrary(): string | undefined {
    return undefined;
  }

  hasErrorListener(): boolean {
    return false;
  }

  luaScript(): string | undefined {
    return undefined;
  }

  roundTripHelpers(): readonly LocatedHelper[] {
    return [];
  }

  moduleMayListen(): boolean {
    return true;
  }

  goPackageClient(): GoPackageClientRef | undefined {
    return undefined;
  }

  isRoundTripHelperName(): boolean {
    return false;
  }

  picklingClasses(): readonly string[] {
    return [];
  }

  exportedBoundCommand(): ExportedCommand | undefined {
    return undefined;
  }
}

const UNINDEXED = new UnindexedLookup();

/** A lookup for round one of indexing: answers as no workspace, and notes what the analysis asked. */
export function unindexedRecording(): RecordedLookup {
  return new RecordedLookup(UNINDEXED);
}
