import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignWave, waveLimits, waveOfBucket } from './assign-wave.js';
import { groupByWave } from './group-by-wave.js';
import { murmur3, murmur3Utf8 } from './murmur3.js';
import { rolloutBucket, rolloutBucketCount } from './rollout-bucket.js';
import { RolloutError } from '../errors/rollout-error.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('murmur3 (x86, 32-bit)', () => {
  // Public test vectors of MurmurHash3_x86_32 (SMHasher / the widely copied StackOverflow list).
  it.each([
    { input: bytes(), seed: 0, expected: 0x00000000 },
    { input: bytes(), seed: 1, expected: 0x514e28b7 },
    { input: bytes(), seed: 0xffffffff, expected: 0x81f16f39 },
    { input: bytes(0xff, 0xff, 0xff, 0xff), seed: 0, expected: 0x76293b50 },
    { input: bytes(0x21, 0x43, 0x65, 0x87), seed: 0, expected: 0xf55b516b },
    { input: bytes(0x21, 0x43, 0x65, 0x87), seed: 0x5082edee, expected: 0x2362f9de },
    { input: bytes(0x21, 0x43, 0x65), seed: 0, expected: 0x7e4a8634 },
  ])('hashes $input with seed $seed', ({ input, seed, expected }) => {
    expect(murmur3(input, input.length, seed)).toBe(expected);
  });

  it.each([
    { text: 'R', seed: 0, expected: 0x79b365c1 },
    { text: '', seed: 42, expected: 0x087fcd5c },
    { text: '[)<{vbjRgcp', seed: 0, expected: 0x100949f7 },
    { text: 'mB', seed: 5489776, expected: 0xe70207f0 },
  ])('hashes the string $text with seed $seed', ({ text, seed, expected }) => {
    expect(murmur3Utf8(text, seed)).toBe(expected);
  });

  it('hashes the UTF-8 bytes of any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const utf8 = new Uint8Array(Buffer.from(text, 'utf8'));
        expect(murmur3Utf8(text)).toBe(murmur3(utf8));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rolloutBucket', () => {
  // The vectors published in docs/rollout.md: a change here reshuffles every rollout in the field.
  it.each([
    { deviceId: 'device_1', campaignName: 'fw_21', salt: undefined, bucket: 1566 },
    { deviceId: 'device_2', campaignName: 'fw_21', salt: undefined, bucket: 9930 },
    { deviceId: 'device_1', campaignName: 'fw_21', salt: '2026-q4', bucket: 2483 },
    { deviceId: '水表-001', campaignName: '固件升级', salt: undefined, bucket: 3196 },
    { deviceId: 'a:b', campaignName: 'c', salt: 's', bucket: 2634 },
  ])(
    'puts $deviceId of $campaignName (salt $salt) in bucket $bucket',
    ({ deviceId, campaignName, salt, bucket }) => {
      expect(rolloutBucket(deviceId, { campaignName, salt })).toBe(bucket);
    },
  );

  it('matches every test vector published in docs/rollout.md (key, murmur3, bucket, wave)', () => {
    const doc = readFileSync(new URL('../../../../docs/rollout.md', import.meta.url), 'utf8');
    const start = doc.indexOf('### Test vectors');
    const section = doc.slice(start, doc.indexOf('\n#', start + 1));
    const rows = section
      .split('\n')
      .filter((line) => /^\|\s*`/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1];
    const campaign = (name: string, salt: string | undefined) => ({
      name,
      rollout: { waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }], salt },
    });
    for (const [deviceCell, nameCell, saltCell, keyCell, hashCell, bucket, wave] of rows as string[][]) {
      const deviceId = code(deviceCell!)!;
      const campaignName = code(nameCell!)!;
      const salt = saltCell === '(none)' ? undefined : code(saltCell!);
      const key = code(keyCell!)!;
      expect(key).toBe(`${salt ?? ''}:${campaignName}:${deviceId}`);
      expect(`0x${murmur3Utf8(key).toString(16).padStart(8, '0')}`).toBe(code(hashCell!));
      expect(rolloutBucket(deviceId, { campaignName, salt })).toBe(Number(bucket));
      expect(assignWave(campaign(campaignName, salt), deviceId)).toEqual({
        bucket: Number(bucket),
        wave: Number(wave),
      });
    }
  });

  it('is uniform within ±1 % over 1 M device IDs (every decile and every percent of buckets)', () => {
    const total = 1_000_000;
    const perPercent = new Array<number>(100).fill(0);
    let outOfRange = 0;
    for (let index = 0; index < total; index++) {
      const bucket = rolloutBucket(`device_${index}`, { campaignName: 'fw_21' });
      if (!(Number.isInteger(bucket) && bucket >= 0 && bucket < rolloutBucketCount)) outOfRange++;
      else perPercent[Math.floor(bucket / 100)] = (perPercent[Math.floor(bucket / 100)] as number) + 1;
    }
    expect(outOfRange).toBe(0);
    // Cumulative shares: the fraction of devices in waves up to p % is p % ± 1 % of p (±0.05 points at least).
    let cumulative = 0;
    for (let percent = 1; percent <= 100; percent++) {
      cumulative += perPercent[percent - 1] as number;
      const share = (cumulative / total) * 100;
      expect(Math.abs(share - percent)).toBeLessThanOrEqual(Math.max(percent * 0.01, 0.05));
    }
    for (let decile = 0; decile < 10; decile++) {
      const count = perPercent.slice(decile * 10, decile * 10 + 10).reduce((sum, value) => sum + value, 0);
      expect(Math.abs(count - total / 10) / (total / 10)).toBeLessThanOrEqual(0.01);
    }
  });
});

const wavesArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 5 })
  .map((limits) => [...limits].sort((a, b) => a - b).map((limit) => ({ percent: limit / 100 })));

describe('waves', () => {
  it('partition the devices: each is in at most one wave, all of them when the last wave is 100 %', () => {
    fc.assert(
      fc.property(wavesArb, fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 50 }), (waves, ids) => {
        const campaign = { name: 'fw_21', rollout: { waves } };
        const limits = waveLimits(campaign.rollout);
        for (const id of ids) {
          const { bucket, wave } = assignWave(campaign, id);
          const covering = limits.filter((limit) => bucket < limit).length;
          expect(wave === undefined).toBe(covering === 0);
          if (wave !== undefined) {
            expect(bucket).toBeLessThan(limits[wave] as number);
            expect(bucket).toBeGreaterThanOrEqual(wave === 0 ? 0 : (limits[wave - 1] as number));
          }
        }
        const toHundred = [...waves.filter((wave) => wave.percent < 100), { percent: 100 }];
        const full = waveLimits({ waves: toHundred });
        for (const bucket of [0, 4_999, rolloutBucketCount - 1]) {
          // Every bucket falls in the one wave whose cumulative range holds it.
          const wave = waveOfBucket(bucket, full) as number;
          expect(Number.isInteger(wave)).toBe(true);
          expect(bucket).toBeLessThan(full[wave] as number);
          expect(bucket).toBeGreaterThanOrEqual(wave === 0 ? 0 : (full[wave - 1] as number));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('are monotonic: raising a percent only moves devices into earlier waves, never out', () => {
    fc.assert(
      fc.property(
        wavesArb,
        fc.nat(),
        fc.integer({ min: 1, max: 9_999 }),
        fc.string(),
        (waves, pick, raise, id) => {
          const index = pick % waves.length;
          const next = waves[index + 1]?.percent ?? 100.01;
          const raised = waves.map((wave, i) =>
            i === index ? { percent: Math.min(wave.percent * 100 + raise, next * 100 - 1) / 100 } : wave,
          );
          fc.pre((raised[index]?.percent ?? 0) > (waves[index]?.percent ?? 0));
          const before = assignWave({ name: 'c', rollout: { waves } }, id).wave;
          const after = assignWave({ name: 'c', rollout: { waves: raised } }, id).wave;
          if (before !== undefined) expect(after).toBeLessThanOrEqual(before);
          if (after === undefined) expect(before).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('are stable: the same answer on every call, and the salt reshuffles', () => {
    const campaign = {
      name: 'fw_21',
      rollout: { waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }] },
    };
    const first = Array.from({ length: 1000 }, (_, n) => assignWave(campaign, `d${n}`));
    expect(Array.from({ length: 1000 }, (_, n) => assignWave(campaign, `d${n}`))).toEqual(first);
    const salted = { ...campaign, rollout: { ...campaign.rollout, salt: 'again' } };
    const moved = first.filter(
      (assignment, n) => assignWave(salted, `d${n}`).bucket !== assignment.bucket,
    ).length;
    expect(moved).toBeGreaterThan(990);
  });

  it('refuses waves that are not strictly rising percents in (0, 100] with at most two decimals', () => {
    const cases: [unknown, string][] = [
      [[], 'rollout.waves'],
      [[{ percent: 0 }], 'rollout.waves[0].percent'],
      [[{ percent: 101 }], 'rollout.waves[0].percent'],
      [[{ percent: 10 }, { percent: 10 }], 'rollout.waves[1].percent'],
      [[{ percent: 0.001 }], 'rollout.waves[0].percent'],
      [[{ percent: Number.NaN }], 'rollout.waves[0].percent'],
    ];
    for (const [waves, field] of cases) {
      const error = (() => {
        try {
          waveLimits({ waves } as never);
        } catch (caught) {
          return caught;
        }
      })();
      expect(RolloutError.isInstance(error) && error.field).toBe(field);
      expect((error as RolloutError).code).toBe('FLEETCAST_INVALID_ROLLOUT');
    }
  });
});

describe('groupByWave', () => {
  it('splits IDs into the waves assignWave gives, order kept, nothing lost or duplicated', () => {
    fc.assert(
      fc.property(
        wavesArb,
        fc.uniqueArray(fc.string(), { maxLength: 200 }),
        fc.option(fc.string()),
        (waves, ids, salt) => {
          const campaign = { name: 'fw_21', rollout: { waves, ...(salt === null ? {} : { salt }) } };
          const groups = groupByWave(campaign, ids);
          expect(groups.waves).toHaveLength(waves.length);
          groups.waves.forEach((members, wave) => {
            expect(members).toEqual(ids.filter((id) => assignWave(campaign, id).wave === wave));
          });
          expect(groups.beyond).toEqual(ids.filter((id) => assignWave(campaign, id).wave === undefined));
          expect(groups.waves.flat().length + groups.beyond.length).toBe(ids.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('puts about 1 %, 9 % and 90 % of 100,000 devices in waves of 1, 10 and 100 %', () => {
    const ids = Array.from({ length: 100_000 }, (_, n) => `meter_${n}`);
    const { waves, beyond } = groupByWave(
      { name: 'fw_21', rollout: { waves: [{ percent: 1 }, { percent: 10 }, { percent: 100 }] } },
      ids,
    );
    expect(beyond).toEqual([]);
    expect(waves.map((members) => Math.round(members.length / 1000))).toEqual([1, 9, 90]);
  });
});
