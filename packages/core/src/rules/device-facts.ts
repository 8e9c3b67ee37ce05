import type { DeviceRecord } from '../directory/device-record.js';

/** Marks a fact the record does not have (as opposed to one present with the value `undefined`). */
export const missingFact: unique symbol = Symbol('fleetcast.missingFact');

const hasOwn = Object.hasOwn;

/**
 * Reads one fact of a device. The facts of a device are the own entries of `record.facts` (a plain object, not
 * an array) overlaid with the record's own fields except `facts` itself: on a name clash the record field wins, because
 * it is what the directory (and the native selectors) see. Keys are matched as own properties only, so
 * `toString` or `constructor` are facts only when the record really has them. The empty name is never a fact
 * (json-rules-engine refuses it as a fact id).
 */
export function createFactReader(name: string): (record: DeviceRecord) => unknown {
  if (name === '') return () => missingFact;
  if (name === 'facts') {
    return (record) => {
      const facts = record.facts;
      return isFactBag(facts) && hasOwn(facts, name) ? facts[name] : missingFact;
    };
  }
  return (record) => {
    if (hasOwn(record, name)) return (record as unknown as Record<string, unknown>)[name];
    const facts = record.facts;
    return isFactBag(facts) && hasOwn(facts, name) ? facts[name] : missingFact;
  };
}

function isFactBag(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The facts of a device as one null-prototype object, in the shape json-rules-engine's `run(facts)` takes.
 * Same definition as {@link createFactReader}; used by the json-rules-engine fallback path.
 */
export function deviceFacts(record: DeviceRecord): Record<string, unknown> {
  const facts: Record<string, unknown> = Object.create(null);
  const bag = record.facts;
  if (isFactBag(bag)) {
    for (const key of Object.getOwnPropertyNames(bag)) if (key !== '') facts[key] = bag[key];
  }
  for (const key of Object.getOwnPropertyNames(record)) {
    if (key !== 'facts' && key !== '') facts[key] = (record as unknown as Record<string, unknown>)[key];
  }
  return facts;
}
