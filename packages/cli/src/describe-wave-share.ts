/**
 * How a wave's size reads in text: its cumulative percent of the ID-hash buckets and the share of the
 * devices it actually reached. Devices fall into waves by a hash of their ID, so a wave of "1 %" holds
 * close to, not exactly, 1 % of the devices (e.g. 1.05 %); the actual share is shown to two decimals.
 */
export function describeWaveShare(percent: number, cumulativeDevices: number, totalDevices: number): string {
  const actual = totalDevices === 0 ? 0 : Math.round((cumulativeDevices / totalDevices) * 10_000) / 100;
  return `cumulative ${percent} % of ID-hash buckets = ${actual} % of the devices`;
}

/** The note printed once above the waves: what the percent means and why the share is not exact. */
export const waveShareNote =
  "a device's wave comes from a hash of its ID, so a wave's share is close to, not exactly, its percent";
