import { AdapterArgumentError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createV5Adapter } from './v5-adapter.js';

const thrownBy = (endpoint: string): unknown => {
  try {
    createV5Adapter({ endpoint, projectId: 'p1', token: 'iam-token-MIIdfake0123' });
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('the v5 endpoint setting', () => {
  it('reports a bad endpoint under the name the settings use, `endpoint`', () => {
    for (const endpoint of ['not a url', 'http://iotda.example.com', 'https://ak:sk@iotda.example.com']) {
      const error = thrownBy(endpoint);
      expect(AdapterArgumentError.isInstance(error), endpoint).toBe(true);
      expect((error as AdapterArgumentError).field).toBe('endpoint');
      expect((error as Error).message).toMatch(/^endpoint /);
      expect((error as Error).message).not.toContain('baseUrl');
    }
  });
});
