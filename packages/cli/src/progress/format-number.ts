const grouping = new Intl.NumberFormat('en-US');

/** `1234567` → `1,234,567`; `undefined` → `?`. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? '?' : grouping.format(value);
}

/** Milliseconds as `12.3 s` or `4 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  const minutes = Math.floor(milliseconds / 60_000);
  const seconds = Math.round((milliseconds % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
