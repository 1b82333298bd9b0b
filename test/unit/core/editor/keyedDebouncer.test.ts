import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyedDebouncer } from '../../../../src/core/editor/keyedDebouncer';

describe('KeyedDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs only the last request of a burst, after the delay', () => {
    const runs: string[] = [];
    const debouncer = new KeyedDebouncer<string>(100);
    debouncer.schedule('a', () => runs.push('first'));
    vi.advanceTimersByTime(60);
    debouncer.schedule('a', () => runs.push('second'));
    vi.advanceTimersByTime(99);
    expect(runs).toEqual([]);
    expect(debouncer.isPending('a')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['second']);
    expect(debouncer.isPending('a')).toBe(false);
  });

  it('keeps keys independent and honours cancel, setDelay and dispose', () => {
    const runs: string[] = [];
    const debouncer = new KeyedDebouncer<string>(50);
    debouncer.schedule('a', () => runs.push('a'));
    debouncer.schedule('b', () => runs.push('b'));
    debouncer.cancel('a');
    vi.advanceTimersByTime(50);
    expect(runs).toEqual(['b']);
    debouncer.setDelay(10);
    debouncer.schedule('c', () => runs.push('c'));
    vi.advanceTimersByTime(10);
    expect(runs).toEqual(['b', 'c']);
    debouncer.schedule('d', () => runs.push('d'));
    debouncer.dispose();
    vi.advanceTimersByTime(100);
    expect(runs).toEqual(['b', 'c']);
  });
});
