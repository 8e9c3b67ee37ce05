import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FleetcastError, fleetcastErrorCodes, JournalCorruptError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { CampaignExistsError, LeaseLostError, SchemaNotMigratedError } from '../src/index.js';

const classes = [
  { name: 'LeaseLostError', type: LeaseLostError, make: () => new LeaseLostError('c1', 1, 2) },
  {
    name: 'SchemaNotMigratedError',
    type: SchemaNotMigratedError,
    make: () => new SchemaNotMigratedError('x'),
  },
  { name: 'CampaignExistsError', type: CampaignExistsError, make: () => new CampaignExistsError('c1') },
] as const;

describe('the errors of @fleetcast/postgres', () => {
  for (const { name, type, make } of classes) {
    it(`${name}.isInstance accepts its own errors only, not another class's or the base's`, () => {
      expect(type.isInstance(make())).toBe(true);
      expect(FleetcastError.isInstance(make())).toBe(true);
      for (const other of classes.filter((entry) => entry.type !== type)) {
        expect(type.isInstance(other.make())).toBe(false);
      }
      expect(type.isInstance(new FleetcastError('FLEETCAST_INVALID_OPTIONS', 'x'))).toBe(false);
      expect(type.isInstance(new JournalCorruptError('c1', 3))).toBe(false);
      expect(type.isInstance(new Error('x'))).toBe(false);
      expect(type.isInstance(undefined)).toBe(false);
    });

    it(`${name}.isInstance accepts an error of another copy of the package (the registered marker)`, () => {
      const copy = Object.assign(new Error('x'), { [Symbol.for(`fleetcast.error.${name}`)]: true });
      expect(type.isInstance(copy)).toBe(true);
    });
  }

  it("every code written in this package's sources is in core's fleetcastErrorCodes", () => {
    const dir = fileURLToPath(new URL('../src/', import.meta.url));
    const written = new Set(
      readdirSync(dir)
        .filter((file) => file.endsWith('.ts'))
        .flatMap((file) =>
          [...readFileSync(dir + file, 'utf8').matchAll(/'(FLEETCAST_[A-Z0-9_]+)'/g)].map(
            (match) => match[1]!,
          ),
        ),
    );
    expect(written).toContain('FLEETCAST_ADAPTER_UNKNOWN');
    expect([...written].filter((code) => !(fleetcastErrorCodes as readonly string[]).includes(code))).toEqual(
      [],
    );
  });
});
