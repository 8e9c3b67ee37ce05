const grouping = new Intl.NumberFormat('en-US');

/** `1234567` → `1,234,567`; `undefined` → `?`. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? '?' : grouping.format(value);
}

/**
 * Milliseconds as `12.3 s`, `4 min 05 s` or `2 h 03 min 05 s`. The value is rounded once, to the unit
 * shown last, before it is split: rounding the seconds alone gave "6 min 60 s" for 6 min 59.6 s.
 */
export function formatDuration(milliseconds: number): string {
  const ms = Number.isFinite(milliseconds) && milliseconds > 0 ? milliseconds : 0;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const seconds = totalSeconds % 60;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min ${pad(seconds)} s`;
  return `${Math.floor(totalMinutes / 60)} h ${pad(totalMinutes % 60)} min ${pad(seconds)} s`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
