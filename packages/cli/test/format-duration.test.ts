import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/progress/format-number.js';

/** Reads a formatted duration back into milliseconds, checking every part is in range. */
function parseDuration(text: string): number {
  const short = /^(\d+\.\d) s$/.exec(text);
  if (short) {
    const seconds = Number(short[1]);
    expect(seconds).toBeLessThan(60);
    return seconds * 1000;
  }
  const long = /^(?:(\d+) h )?(\d+) min (\d\d) s$/.exec(text);
  expect(long, text).not.toBeNull();
  const [, hours, minutes, seconds] = long as RegExpExecArray;
  expect(Number(seconds)).toBeLessThan(60);
  // Below an hour there is no hours part, so the minutes stay below 60 either way.
  expect(Number(minutes)).toBeLessThan(60);
  return ((Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

describe('formatDuration', () => {
  it('never shows 60 in a seconds or minutes place and stays within half a unit of the value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 400 * 3_600_000, noNaN: true }), (ms) => {
        const text = formatDuration(ms);
        const back = parseDuration(text);
        // Tenths of a second below a minute, whole seconds above.
        const tolerance = text.includes('min') ? 500 : 50;
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(tolerance + 1e-6);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds up into the next minute instead of writing 60 s', () => {
    expect(formatDuration(6 * 60_000 + 59_600)).toBe('7 min 00 s');
    expect(formatDuration(59_960)).toBe('1 min 00 s');
    expect(formatDuration(3_599_700)).toBe('1 h 00 min 00 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
  });

  it('shows nothing negative or NaN for clocks that went backwards', () => {
    expect(formatDuration(-5)).toBe('0.0 s');
    expect(formatDuration(Number.NaN)).toBe('0.0 s');
  });
});
