/** A product model: what IoTDA calls a product and the legacy API a device type + manufacturer + model. */
export interface FleetProduct {
  readonly productId: string;
  readonly name: string;
  readonly deviceType: string;
  readonly manufacturerId: string;
  readonly manufacturerName: string;
  readonly model: string;
  readonly protocolType: string;
  readonly createTime: string;
}

/** A static device group with its platform ID and name. */
export interface FleetGroup {
  readonly groupId: string;
  readonly name: string;
  readonly description: string;
  /** Fleet indexes of the members, ascending. */
  readonly members: Int32Array;
}

/** Free facts about a device that targeting rules can use. */
export interface FleetDeviceFacts {
  readonly batteryPercent: number;
  readonly signalDbm: number;
  readonly installYear: number;
}

/** One device, materialised from the fleet's columns on demand. */
export interface FleetDevice {
  readonly index: number;
  readonly deviceId: string;
  readonly nodeId: string;
  readonly deviceName: string;
  readonly product: FleetProduct;
  readonly location: string;
  readonly groupIds: readonly string[];
  readonly firmwareVersion: string;
  readonly softwareVersion: string;
  readonly status: string;
  /** Last time the device talked to the platform, epoch ms. */
  readonly lastSeen: number;
  readonly facts: FleetDeviceFacts;
}

/** The raw columns a fleet is made of; one typed array entry per device keeps 1 M devices small. */
export interface FleetColumns {
  readonly deviceIds: readonly string[];
  readonly nodeIds: readonly string[];
  readonly product: Uint8Array;
  readonly location: Uint8Array;
  readonly firmware: Uint8Array;
  readonly status: Uint8Array;
  /** Seconds before the fleet's reference time. */
  readonly lastSeenAgo: Uint32Array;
  readonly battery: Uint8Array;
  readonly signal: Int8Array;
  readonly installYear: Uint16Array;
  /** Up to two group indexes per device, -1 when absent. */
  readonly groupA: Int16Array;
  readonly groupB: Int16Array;
}

/**
 * A simulated device fleet: products, locations, groups and devices, stored as columns.
 * Lookups by ID and by product are indexed so native selectors resolve fast.
 */
export class Fleet {
  readonly size: number;
  readonly products: readonly FleetProduct[];
  readonly groups: readonly FleetGroup[];
  readonly locations: readonly string[];
  readonly firmwareVersions: readonly string[];
  readonly statuses: readonly string[];
  /** The instant `lastSeen` values are relative to, epoch ms. */
  readonly referenceTime: number;
  readonly #columns: FleetColumns;
  /** Generated node IDs are `86{nodeBase + index}`, so an ID maps to its index without hashing. */
  readonly #nodeBase: number | undefined;
  #indexById: Map<string, number> | undefined;
  /** Scratch marks for deduplicating index lists without allocating (see {@link Fleet.markOnce}). */
  #marks: Uint32Array | undefined;
  #markRound = 0;
  readonly #groupIndexById: Map<string, number>;
  readonly #groupIndexByName: Map<string, number>;
  #membersByProduct: Int32Array[] | undefined;

  constructor(init: {
    columns: FleetColumns;
    products: readonly FleetProduct[];
    groups: readonly FleetGroup[];
    locations: readonly string[];
    firmwareVersions: readonly string[];
    statuses: readonly string[];
    referenceTime: number;
    nodeBase?: number;
  }) {
    this.#columns = init.columns;
    this.size = init.columns.deviceIds.length;
    this.products = init.products;
    this.groups = init.groups;
    this.locations = init.locations;
    this.firmwareVersions = init.firmwareVersions;
    this.statuses = init.statuses;
    this.referenceTime = init.referenceTime;
    this.#nodeBase = init.nodeBase;
    this.#groupIndexById = new Map(init.groups.map((group, index) => [group.groupId, index]));
    this.#groupIndexByName = new Map(init.groups.map((group, index) => [group.name, index]));
  }

  /** The device ID at a fleet index. */
  deviceId(index: number): string {
    return this.#columns.deviceIds[index] as string;
  }

  /** The fleet index of a device ID, or -1 when the platform does not know it. */
  indexOf(deviceId: string): number {
    if (this.#nodeBase !== undefined) {
      // Fast path for generated fleets: parse the node ID, then confirm the whole ID matches.
      const cut = deviceId.lastIndexOf('_86');
      if (cut < 0 || deviceId.length - cut > 20) return -1;
      let node = 0;
      for (let position = cut + 3; position < deviceId.length; position++) {
        const digit = deviceId.charCodeAt(position) - 48;
        if (digit < 0 || digit > 9) return -1;
        node = node * 10 + digit;
      }
      const index = node - this.#nodeBase;
      if (index < 0 || index >= this.size) return -1;
      return this.#columns.deviceIds[index] === deviceId ? index : -1;
    }
    if (this.#indexById === undefined) {
      this.#indexById = new Map();
      const ids = this.#columns.deviceIds;
      for (let index = 0; index < ids.length; index++) this.#indexById.set(ids[index] as string, index);
    }
    return this.#indexById.get(deviceId) ?? -1;
  }

  /**
   * Starts a deduplication round: the returned function answers true the first time it sees a
   * fleet index in this round and false afterwards. Reuses one array, so 30,000-ID lists dedupe
   * without building a Set of strings.
   */
  markOnce(): (index: number) => boolean {
    if (this.#marks === undefined || this.#markRound >= 0xffffffff) {
      this.#marks = new Uint32Array(this.size);
      this.#markRound = 0;
    }
    const marks = this.#marks;
    const round = ++this.#markRound;
    return (index) => {
      if (marks[index] === round) return false;
      marks[index] = round;
      return true;
    };
  }

  /** The product of the device at `index`. */
  productOf(index: number): FleetProduct {
    return this.products[this.#columns.product[index] as number] as FleetProduct;
  }

  /** The location string of the device at `index`. */
  locationOf(index: number): string {
    return this.locations[this.#columns.location[index] as number] as string;
  }

  /** The group with this ID, if any. */
  groupById(groupId: string): FleetGroup | undefined {
    const index = this.#groupIndexById.get(groupId);
    return index === undefined ? undefined : this.groups[index];
  }

  /** The group with this name, if any (legacy `GroupList` selects by name). */
  groupByName(name: string): FleetGroup | undefined {
    const index = this.#groupIndexByName.get(name);
    return index === undefined ? undefined : this.groups[index];
  }

  /** Fleet indexes of every device of one product, ascending. */
  membersOfProduct(productIndex: number): Int32Array {
    if (this.#membersByProduct === undefined) this.#membersByProduct = this.#indexProducts();
    return this.#membersByProduct[productIndex] ?? new Int32Array(0);
  }

  /** Materialises one device. */
  device(index: number): FleetDevice {
    const c = this.#columns;
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`device index must be an integer from 0 to ${this.size - 1}, got ${index}`);
    }
    const nodeId = c.nodeIds[index] as string;
    const product = this.productOf(index);
    const groupIds: string[] = [];
    for (const groupIndex of [c.groupA[index] as number, c.groupB[index] as number]) {
      if (groupIndex >= 0) groupIds.push((this.groups[groupIndex] as FleetGroup).groupId);
    }
    const firmwareVersion = this.firmwareVersions[c.firmware[index] as number] as string;
    return {
      index,
      deviceId: c.deviceIds[index] as string,
      nodeId,
      deviceName: `${product.name}-${nodeId.slice(-6)}`,
      product,
      location: this.locationOf(index),
      groupIds,
      firmwareVersion,
      softwareVersion: `sw-${firmwareVersion}`,
      status: this.statuses[c.status[index] as number] as string,
      lastSeen: this.referenceTime - (c.lastSeenAgo[index] as number) * 1000,
      facts: {
        batteryPercent: c.battery[index] as number,
        signalDbm: c.signal[index] as number,
        installYear: c.installYear[index] as number,
      },
    };
  }

  #indexProducts(): Int32Array[] {
    const counts = new Int32Array(this.products.length);
    const productColumn = this.#columns.product;
    for (let index = 0; index < this.size; index++) {
      const product = productColumn[index] as number;
      counts[product] = (counts[product] as number) + 1;
    }
    const lists = Array.from(counts, (count) => new Int32Array(count));
    const fill = new Int32Array(this.products.length);
    for (let index = 0; index < this.size; index++) {
      const product = productColumn[index] as number;
      const slot = fill[product] as number;
      fill[product] = slot + 1;
      (lists[product] as Int32Array)[slot] = index;
    }
    return lists;
  }
}
