import type { CallMeterV1 } from './call-meter-v1.js';

/** Options of {@link AdapterV1.doOpenDirectory}. */
export interface DirectoryOptionsV1 {
  signal?: AbortSignal;
  /** Paces every request the directory makes (each listing page is one `page` or `lookup` call). */
  meter?: CallMeterV1;
}
