const COMPACT_UTC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Formats epoch ms as the platforms' compact UTC form `yyyyMMdd'T'HHmmss'Z'`, e.g. `20151212T121212Z`. */
export function compactUtc(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses the compact UTC form; `undefined` when the text is not a real date in that form. */
export function parseCompactUtc(text: string): number | undefined {
  const match = COMPACT_UTC.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const epoch = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 20260231 over into March; a round trip catches such dates.
  return compactUtc(epoch) === text ? epoch : undefined;
}
