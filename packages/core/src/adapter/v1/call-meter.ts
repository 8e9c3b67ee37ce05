// Former names, kept while other branches still import them from here; use the V1 names (one file each).
import type { CallMeterV1 } from './call-meter-v1.js';
import type { MeteredCallKindV1 } from './metered-call-kind-v1.js';

/** @deprecated Renamed {@link CallMeterV1}. */
export type CallMeter = CallMeterV1;
/** @deprecated Renamed {@link MeteredCallKindV1}. */
export type MeteredCallKind = MeteredCallKindV1;
