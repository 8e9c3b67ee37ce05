import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_GROUPS, MAX_GROUP_MEMBERS } from '../src/fleet/generate-fleet.js';
import { SimulatorConfigError, generateFleet } from '../src/index.js';

describe('generateFleet', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = generateFleet({ count: 500, seed: 1 });
    const b = generateFleet({ count: 500, seed: 1 });
    const c = generateFleet({ count: 500, seed: 2 });
    expect(Array.from({ length: 500 }, (_, i) => a.device(i))).toEqual(
      Array.from({ length: 500 }, (_, i) => b.device(i)),
    );
    expect(a.deviceId(0)).not.toBe(c.deviceId(0));
  });

  it('makes unique, valid device IDs of the form {product_id}_{node_id} and indexes them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer(), (count, seed) => {
        const fleet = generateFleet({ count, seed });
        const ids = new Set<string>();
        for (let i = 0; i < count; i++) {
          const device = fleet.device(i);
          expect(device.deviceId).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
          expect(device.deviceId).toBe(`${device.product.productId}_${device.nodeId}`);
          expect(fleet.indexOf(device.deviceId)).toBe(i);
          ids.add(device.deviceId);
        }
        expect(ids.size).toBe(count);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps groups consistent with device memberships and within limits', () => {
    const fleet = generateFleet({ count: 20_000, seed: 3 });
    const memberships = new Map<string, number[]>();
    fleet.groups.forEach((group) => {
      expect(group.members.length).toBeLessThanOrEqual(MAX_GROUP_MEMBERS);
      expect(fleet.groupByName(group.name)).toBe(group);
      expect(fleet.groupById(group.groupId)).toBe(group);
      for (const index of group.members)
        memberships.set(fleet.deviceId(index), [...(memberships.get(fleet.deviceId(index)) ?? []), 1]);
    });
    for (let i = 0; i < fleet.size; i += 97) {
      const device = fleet.device(i);
      expect(memberships.get(device.deviceId)?.length ?? 0).toBe(device.groupIds.length);
      for (const groupId of device.groupIds) expect(fleet.groupById(groupId)?.members).toContain(i);
    }
    const share = [...memberships.keys()].length / fleet.size;
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.75);
  });

  it("gives groups IoTDA's group rules: unique names and descriptions of ≤ 64 allowed characters, 36-character hex IDs, ≤ 10 groups per device", () => {
    // AddDeviceGroupDTO (IoTDA SDK): name and description ≤ 64 of Chinese, letters, digits and _? '#().,&%@!-;
    // group_id ≤ 36 of hex digits and '-'. A device may be in at most 10 groups (docs/simulator.md).
    const text = /^[\p{Script=Han}A-Za-z0-9_? '#().,&%@!-]{1,64}$/u;
    for (const count of [0, 1, 7_999, 25_000]) {
      const fleet = generateFleet({ count, seed: count + 1 });
      expect(fleet.groups.length).toBeGreaterThanOrEqual(4);
      expect(fleet.groups.length).toBeLessThanOrEqual(MAX_GROUPS);
      expect(new Set(fleet.groups.map((group) => group.name)).size).toBe(fleet.groups.length);
      for (const group of fleet.groups) {
        expect(group.name).toMatch(text);
        expect(group.description).toMatch(text);
        expect(group.groupId).toMatch(/^[0-9a-f-]{36}$/);
        expect(group.members.length).toBeLessThanOrEqual(MAX_GROUP_MEMBERS);
      }
      for (let i = 0; i < fleet.size; i += 7) expect(fleet.device(i).groupIds.length).toBeLessThanOrEqual(10);
    }
  });

  it('has products with device type, manufacturer and model, and facts in range', () => {
    const fleet = generateFleet({ count: 2000, seed: 8 });
    expect(new Set(fleet.products.map((product) => product.productId)).size).toBe(fleet.products.length);
    for (let i = 0; i < fleet.size; i += 13) {
      const device = fleet.device(i);
      expect(device.facts.batteryPercent).toBeGreaterThanOrEqual(5);
      expect(device.facts.batteryPercent).toBeLessThanOrEqual(100);
      expect(device.lastSeen).toBeLessThanOrEqual(fleet.referenceTime);
      expect(fleet.firmwareVersions).toContain(device.firmwareVersion);
    }
    const perProduct = fleet.products.map((_, index) => fleet.membersOfProduct(index).length);
    expect(perProduct.reduce((sum, n) => sum + n, 0)).toBe(fleet.size);
  });

  it('rejects bad counts with a typed error naming the field', () => {
    expect(() => generateFleet({ count: -1, seed: 1 })).toThrow(SimulatorConfigError);
    expect(() => generateFleet({ count: 1.5, seed: 1 })).toThrow(/generateFleet.count/);
    expect(() => generateFleet({ count: 6_000_000, seed: 1 })).toThrow(/5000000/);
  });
});

describe('generateFleet productWeights', () => {
  it('skews the product mix by the weights and leaves every other column as the uniform fleet has it', () => {
    const weights = [30, 15, 10, 8, 7, 8, 6, 6, 5, 5];
    const skewed = generateFleet({ count: 20_000, seed: 4, productWeights: weights });
    const uniform = generateFleet({ count: 20_000, seed: 4 });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    skewed.products.forEach((_, index) => {
      const share = skewed.membersOfProduct(index).length / skewed.size;
      expect(Math.abs(share - (weights[index] as number) / total)).toBeLessThan(0.015);
    });
    for (let index = 0; index < 20_000; index += 97) {
      expect(skewed.locationOf(index)).toBe(uniform.locationOf(index));
      expect(skewed.device(index).firmwareVersion).toBe(uniform.device(index).firmwareVersion);
    }
  });

  it('refuses weights of the wrong length, negative or all zero, naming the field', () => {
    expect(() => generateFleet({ count: 10, seed: 1, productWeights: [1, 2] })).toThrow(
      /generateFleet.productWeights: must be 10 finite weights ≥ 0/,
    );
    expect(() => generateFleet({ count: 10, seed: 1, productWeights: Array(10).fill(0) })).toThrow(
      SimulatorConfigError,
    );
    expect(() =>
      generateFleet({ count: 10, seed: 1, productWeights: [-1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }),
    ).toThrow(SimulatorConfigError);
  });
});
