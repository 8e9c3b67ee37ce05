import type { DeviceDirectory } from '../directory/device-directory.js';

/** `directory`, telling `count` how many records each batch it yields holds (listing progress). */
export function countingDirectory(
  directory: DeviceDirectory,
  count: (records: number) => void,
): DeviceDirectory {
  return {
    selectors: directory.selectors,
    async *devices(query, options) {
      for await (const batch of directory.devices(query, options)) {
        count(batch.length);
        yield batch;
      }
    },
  };
}
