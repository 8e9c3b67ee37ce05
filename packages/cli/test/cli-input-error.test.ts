import { CampaignValidationError, FleetcastError, PlatformError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';

describe('CliInputError.isInstance', () => {
  it('accepts CLI input errors only: its own marker, not the base class', () => {
    const input = new CliInputError('--platform', 'must be v5 or legacy');
    const platform = new PlatformError({ kind: 'auth', message: 'unknown token' });
    const invalid = new CampaignValidationError([
      { path: 'name', code: 'too_long', message: 'name too long' },
    ]);
    expect(CliInputError.isInstance(input)).toBe(true);
    expect(FleetcastError.isInstance(input)).toBe(true);
    expect(CliInputError.isInstance(platform)).toBe(false);
    expect(CliInputError.isInstance(invalid)).toBe(false);
    expect(PlatformError.isInstance(input)).toBe(false);
    expect(CampaignValidationError.isInstance(input)).toBe(false);
  });
});
