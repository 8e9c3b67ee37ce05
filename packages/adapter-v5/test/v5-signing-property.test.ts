import { type Simulator, startSimulator } from '@fleetcast/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createV5Client } from '../src/v5-client.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 20, seed: 8, timeScale: 0, rateLimit: { calls: 1_000_000 } });
});
afterAll(() => sim.close());

// The adapter's signer and the simulator's gateway are two implementations of the SDKs' algorithm; any
// query value or body the client sends must verify on the other side (never APIGW.0301).
describe('signed requests verify on the gateway, whatever they carry', () => {
  it.each(['SDK-HMAC-SHA256', 'V11-HMAC-SHA256'] as const)(
    '%s: any query value and any JSON body',
    async (algorithm) => {
      const client = createV5Client({
        endpoint: sim.url,
        projectId: sim.credentials.v5.projectId,
        credentials: { accessKey: sim.credentials.v5.accessKey, secretKey: sim.credentials.v5.secretKey },
        region: 'cn-north-4',
        signingAlgorithm: algorithm,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.jsonValue(),
          async (name, value) => {
            const found = await client.get('/device-group', { name, limit: 5 }, 'list device groups').then(
              () => 'ok',
              (error: { platformCode?: string }) => error.platformCode ?? 'error',
            );
            expect(found).not.toBe('APIGW.0301');
            const posted = await client
              .call(
                {
                  method: 'POST',
                  path: `/v5/iot/${sim.credentials.v5.projectId}/batchtasks/${'0'.repeat(24)}/stop`,
                  headers: {},
                  body: { targets: [name], note: value },
                },
                'stop task',
              )
              .then(
                () => 'ok',
                (error: { platformCode?: string }) => error.platformCode ?? 'error',
              );
            // The task does not exist (404) or the body is refused (400): never a signature mismatch.
            expect(posted).not.toBe('APIGW.0301');
          },
        ),
        { numRuns: 60 },
      );
      await client.close();
    },
    60_000,
  );
});
