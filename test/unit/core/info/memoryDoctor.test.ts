/** MEMORY DOCTOR replies (texts of redis-server 7.0 object.c and a made-up future one) read into verdicts and issues. */
import { describe, expect, it } from 'vitest';
import { readMemoryDoctor } from '../../../../src/core/info/memoryDoctor';

const EMPTY = "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.";
const HEALTHY = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.";
const ISSUES = `Sam, I detected a few issues in this Redis instance memory implants:

 * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak.

 * High allocator fragmentation: This instance has an allocator external fragmentation greater than 1.1. This problem is usually due either to a large peak memory (check if there is a peak memory entry above in the report) or may result from a workload that causes the allocator to fragment memory a lot.

I'm here to keep you safe, Sam. I want to help you.
`;

describe('readMemoryDoctor', () => {
  it('summarises the "too little data" joke in plain words', () => {
    const reading = readMemoryDoctor('local', EMPTY);
    expect(reading.verdict).toBe('too-little-data');
    expect(reading.summary).toBe('Nothing to check yet: MEMORY DOCTOR only looks at a server holding more than about 5 MB, and this one holds less.');
    expect(reading.serverText).toBe(EMPTY);
  });

  it('reads a clean bill of health', () => {
    expect(readMemoryDoctor('local', HEALTHY)).toMatchObject({ verdict: 'healthy', summary: 'No memory issues found.', issues: [] });
  });

  it('lists each issue with its title and the advice as one paragraph', () => {
    const reading = readMemoryDoctor('127.0.0.1:7000', ISSUES);
    expect(reading.verdict).toBe('issues');
    expect(reading.summary).toBe('2 issues found: peak memory, high allocator fragmentation.');
    expect(reading.issues.map((issue) => issue.title)).toEqual(['Peak memory', 'High allocator fragmentation']);
    expect(reading.issues[0].detail).toMatch(/^In the past this instance used more than 150% .* memory peak\.$/);
    expect(reading.serverText.endsWith('I want to help you.')).toBe(true);
  });

  it('quotes a reply it does not know instead of guessing', () => {
    const reading = readMemoryDoctor('local', 'All good, friend.');
    expect(reading).toMatchObject({ verdict: 'unrecognised', issues: [], serverText: 'All good, friend.' });
  });
});
