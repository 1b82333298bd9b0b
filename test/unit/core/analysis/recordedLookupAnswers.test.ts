/**
 * RecordedLookup compares the answers it noted with those of another index: the very list the index handed out
 * holds without a comparison, an equal list of another index holds, a list that gained or lost a helper does not.
 */
import { describe, expect, it } from 'vitest';
import { RecordedLookup } from '../../../../src/core/analysis/recordedLookup';
import { WorkspaceIndex, type FileSummary } from '../../../../src/core/review';

const helper = (owner: string) => ({ owner, name: 'get', command: 'GET', async: false, library: 'redis-py' as const });
const summary = (path: string, helpers: FileSummary['helpers']): FileSummary => ({ path, exports: [], errorListeners: [], keyCommands: [], helpers });

function project(files: number): FileSummary[] {
  return Array.from({ length: files }, (_, i) => summary(`app/store${i}.py`, [helper(`Store${i}`)]));
}

describe('RecordedLookup answers of a helper name many files share', () => {
  it('holds against the index it asked while its helper table is unchanged', () => {
    const index = WorkspaceIndex.fromSummaries(project(50));
    const lookup = new RecordedLookup(index);
    expect(lookup.roundTripHelpers('get')).toHaveLength(50);
    index.update(summary('app/views.py', []));
    expect(lookup.answersAlike(index)).toBe(true);
  });

  it('holds against another index with the same helpers, whose lists are equal but not the same', () => {
    const lookup = new RecordedLookup(WorkspaceIndex.fromSummaries(project(50)));
    lookup.roundTripHelpers('get');
    lookup.isRoundTripHelperName('get');
    expect(lookup.answersAlike(WorkspaceIndex.fromSummaries(project(50)))).toBe(true);
  });

  it('does not hold once a file adds or drops a helper of that name', () => {
    const index = WorkspaceIndex.fromSummaries(project(50));
    const lookup = new RecordedLookup(index);
    lookup.roundTripHelpers('get');
    index.update(summary('app/extra.py', [helper('Extra')]));
    expect(lookup.answersAlike(index)).toBe(false);
    expect(lookup.answersAlike(WorkspaceIndex.fromSummaries(project(49)))).toBe(false);
  });

  it('does not hold when a helper of that name changes its command', () => {
    const index = WorkspaceIndex.fromSummaries(project(3));
    const lookup = new RecordedLookup(index);
    lookup.roundTripHelpers('get');
    index.update(summary('app/store1.py', [{ ...helper('Store1'), command: 'HGETALL' }]));
    expect(lookup.answersAlike(index)).toBe(false);
  });
});
