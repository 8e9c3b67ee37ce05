import { createSeededRandom, type SeededRandom } from '../seeded-random.js';
import { requireInteger, SimulatorConfigError } from '../simulator-config-error.js';
import {
  DEVICE_STATUS_WEIGHTS,
  FIRMWARE_CATALOG,
  LOCATION_CATALOG,
  PRODUCT_CATALOG,
} from './fleet-catalog.js';
import { compactUtc } from '../compact-utc.js';
import { Fleet, type FleetGroup, type FleetProduct } from './fleet.js';

/** Options of {@link generateFleet}. */
export interface GenerateFleetOptions {
  /** Number of devices, 0 to 5,000,000. */
  count: number;
  /** Same seed, same fleet. */
  seed: number;
  /** Instant that `lastSeen` and product creation times are relative to (epoch ms). Default: 2026-01-01. */
  referenceTime?: number;
  /**
   * Relative share of each of the 10 catalogue products (index order of `fleet.products`), e.g. a water
   * utility's fleet mostly of water meters. Default: every product equally likely. Same seed and weights,
   * same fleet; each device still takes one draw, so only products (and the IDs' product prefix) change with the weights.
   */
  productWeights?: readonly number[];
}

/** Largest fleet accepted; far above the 1 M devices the simulator is measured with. */
export const MAX_FLEET_SIZE = 5_000_000;
/** Group count cap, kept well inside IoTDA's per-account group limits. */
export const MAX_GROUPS = 1000;
/** Devices per group at most (a group's share of the fleet is sized under this). */
export const MAX_GROUP_MEMBERS = 20_000;
const DEFAULT_REFERENCE_TIME = Date.UTC(2026, 0, 1);
const THIRTY_DAYS_S = 30 * 24 * 3600;

/**
 * Generates a realistic, reproducible fleet: products (device type, manufacturer, model), locations,
 * static groups, firmware versions, last-seen times and free facts. 1 M devices take about a second.
 *
 * @example
 * const fleet = generateFleet({ count: 10_000, seed: 42 });
 * fleet.device(0).deviceId; // e.g. '65f1c2…_861234567890123'
 */
export function generateFleet(options: GenerateFleetOptions): Fleet {
  const count = requireInteger('generateFleet.count', options.count, 0, MAX_FLEET_SIZE);
  const seed = requireInteger('generateFleet.seed', options.seed, -(2 ** 31), 2 ** 32 - 1);
  const referenceTime = options.referenceTime ?? DEFAULT_REFERENCE_TIME;
  const random = createSeededRandom(seed);

  const products = makeProducts(random, referenceTime);
  const productThresholds = productWeightThresholds(options.productWeights, products.length);
  const groupCount = Math.min(MAX_GROUPS, Math.max(4, Math.ceil(count / 2000)));
  const deviceIds: string[] = new Array(count);
  const nodeIds: string[] = new Array(count);
  const product = new Uint8Array(count);
  const location = new Uint8Array(count);
  const firmware = new Uint8Array(count);
  const status = new Uint8Array(count);
  const lastSeenAgo = new Uint32Array(count);
  const battery = new Uint8Array(count);
  const signal = new Int8Array(count);
  const installYear = new Uint16Array(count);
  const groupA = new Int16Array(count).fill(-1);
  const groupB = new Int16Array(count).fill(-1);
  const groupSizes = new Int32Array(groupCount);

  // IMEI-like node IDs: a random base plus the index keeps them unique without a set.
  const nodeBase = 10 ** 12 + random.int(8 * 10 ** 12);
  const statusThresholds = cumulative(DEVICE_STATUS_WEIGHTS.map(([, weight]) => weight));
  for (let index = 0; index < count; index++) {
    const productIndex =
      productThresholds === undefined
        ? random.int(products.length)
        : pickWeighted(productThresholds, random.next());
    const nodeId = `86${nodeBase + index}`;
    product[index] = productIndex;
    nodeIds[index] = nodeId;
    deviceIds[index] = `${(products[productIndex] as FleetProduct).productId}_${nodeId}`;
    location[index] = random.int(LOCATION_CATALOG.length);
    // Skewed towards recent firmware: most devices run one of the last three releases.
    const r = random.next();
    firmware[index] =
      FIRMWARE_CATALOG.length - 1 - Math.min(FIRMWARE_CATALOG.length - 1, Math.floor(r * r * 6));
    status[index] = pickWeighted(statusThresholds, random.next());
    lastSeenAgo[index] = random.int(THIRTY_DAYS_S);
    battery[index] = 5 + random.int(96);
    signal[index] = -120 + random.int(70);
    installYear[index] = 2018 + random.int(9);
    // About 60 % of devices sit in one group and 15 % in a second one, never above the member cap.
    if (random.next() < 0.6) groupA[index] = joinGroup(random.int(groupCount), groupSizes);
    if (random.next() < 0.15) {
      const candidate = random.int(groupCount);
      if (candidate !== groupA[index]) groupB[index] = joinGroup(candidate, groupSizes);
    }
  }

  const groups = makeGroups(random, groupCount, groupSizes, groupA, groupB, products);
  return new Fleet({
    columns: {
      deviceIds,
      nodeIds,
      product,
      location,
      firmware,
      status,
      lastSeenAgo,
      battery,
      signal,
      installYear,
      groupA,
      groupB,
    },
    products,
    groups,
    locations: LOCATION_CATALOG,
    firmwareVersions: FIRMWARE_CATALOG,
    statuses: DEVICE_STATUS_WEIGHTS.map(([name]) => name),
    referenceTime,
    nodeBase,
  });
}

function joinGroup(groupIndex: number, sizes: Int32Array): number {
  if ((sizes[groupIndex] as number) >= MAX_GROUP_MEMBERS) return -1;
  sizes[groupIndex] = (sizes[groupIndex] as number) + 1;
  return groupIndex;
}

function makeProducts(random: SeededRandom, referenceTime: number): FleetProduct[] {
  return PRODUCT_CATALOG.map((entry, index) => ({
    productId: hex(random, 24),
    // IoTDA products have no model field; the legacy model becomes the product name.
    name: entry.model,
    deviceType: entry.deviceType,
    manufacturerId: entry.manufacturerId,
    manufacturerName: entry.manufacturerName,
    model: entry.model,
    protocolType: entry.protocolType,
    createTime: compactUtc(referenceTime - (400 - index * 20) * 86_400_000),
  }));
}

function makeGroups(
  random: SeededRandom,
  groupCount: number,
  sizes: Int32Array,
  groupA: Int16Array,
  groupB: Int16Array,
  products: readonly FleetProduct[],
): FleetGroup[] {
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(groupCount);
  for (let index = 0; index < groupA.length; index++) {
    for (const group of [groupA[index] as number, groupB[index] as number]) {
      if (group < 0) continue;
      const slot = fill[group] as number;
      fill[group] = slot + 1;
      (members[group] as Int32Array)[slot] = index;
    }
  }
  return members.map((memberList, index) => {
    const area = LOCATION_CATALOG[index % LOCATION_CATALOG.length] as string;
    const productName = (products[index % products.length] as FleetProduct).name;
    return {
      groupId: uuid(random),
      name: `${area}_${productName}_${String(index).padStart(3, '0')}`,
      description: `Static group ${index} of the simulated fleet`,
      members: memberList,
    };
  });
}

/** Cumulative thresholds of checked product weights, or undefined for the uniform default. */
function productWeightThresholds(
  weights: readonly number[] | undefined,
  products: number,
): number[] | undefined {
  if (weights === undefined) return undefined;
  const valid =
    Array.isArray(weights) &&
    weights.length === products &&
    weights.every((weight) => typeof weight === 'number' && Number.isFinite(weight) && weight >= 0) &&
    weights.some((weight) => weight > 0);
  if (!valid) {
    throw new SimulatorConfigError(
      'generateFleet.productWeights',
      `must be ${products} finite weights ≥ 0, at least one above 0`,
    );
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return cumulative(weights.map((weight) => weight / total));
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => {
    sum += weight;
    return sum;
  });
}

function pickWeighted(thresholds: readonly number[], r: number): number {
  for (let index = 0; index < thresholds.length; index++) if (r < (thresholds[index] as number)) return index;
  return thresholds.length - 1;
}

/** Random lowercase hex string of `length` characters. */
export function hex(random: SeededRandom, length: number): string {
  let out = '';
  while (out.length < length) out += random.int(0x10000).toString(16).padStart(4, '0');
  return out.slice(0, length);
}

function uuid(random: SeededRandom): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
