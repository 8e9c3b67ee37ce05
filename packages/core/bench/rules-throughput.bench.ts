/**
 * Compiled targeting rules vs json-rules-engine 7.3.1 on the reference rule of the json-rules-engine notes:
 * `all: [deviceType equal WaterMeter, firmwareVersion lessThan 3, any: [location in [Shenzhen, Shanghai],
 * groupNames contains beta]]`, over seeded-random devices.
 *
 * `node --import tsx bench/rules-throughput.bench.ts [devices=1000000] [engineDevices=devices]`
 * Targets (issue 7): compiled ≥ 200× json-rules-engine; 10 M devices filtered in under 2 s.
 */
import { Engine } from 'json-rules-engine';
import type { DeviceRecord } from '../src/directory/device-record.js';
import { compileConditions } from '../src/rules/compile-conditions.js';
import { deviceFacts } from '../src/rules/device-facts.js';
import type { RuleCondition } from '../src/campaign/target-spec.js';

const deviceCount = Number(process.argv[2] ?? 1_000_000);
const engineCount = Number(process.argv[3] ?? deviceCount);

const rule: RuleCondition = {
  all: [
    { fact: 'deviceType', operator: 'equal', value: 'WaterMeter' },
    { fact: 'firmwareVersion', operator: 'lessThan', value: 3 },
    {
      any: [
        { fact: 'location', operator: 'in', value: ['Shenzhen', 'Shanghai'] },
        { fact: 'groupNames', operator: 'contains', value: 'beta' },
      ],
    },
  ],
};

/** mulberry32: small, seeded, good enough to spread devices over the pools. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deviceTypes = ['WaterMeter', 'GasMeter', 'SmokeDetector', 'StreetLight', 'Tracker', 'Thermostat'];
const locations = [
  'Shenzhen',
  'Shanghai',
  'Beijing',
  'Guangzhou',
  'Chengdu',
  'Wuhan',
  'Hangzhou',
  'Nanjing',
  'Xian',
  'Suzhou',
  'Tianjin',
  'Chongqing',
];
const groups = ['beta', 'alpha', 'canary', 'north', 'south', 'east', 'west', 'lab', 'field', 'spare'];

function makeDevices(count: number): DeviceRecord[] {
  const random = seededRandom(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const devices: DeviceRecord[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const groupNames: string[] = [];
    const groupCount = Math.floor(random() * 4);
    for (let g = 0; g < groupCount; g++) groupNames.push(pick(groups));
    devices[index] = {
      id: `device_${index}`,
      deviceType: pick(deviceTypes),
      manufacturerId: `m${Math.floor(random() * 20)}`,
      model: `model-${Math.floor(random() * 50)}`,
      location: pick(locations),
      groupNames,
      facts: {
        firmwareVersion: Math.floor(random() * 6),
        lastSeen: 1_700_000_000_000 + Math.floor(random() * 1e9),
        tags: { region: pick(['cn-north', 'cn-south']), rack: Math.floor(random() * 100) },
      },
    };
  }
  return devices;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const devices = makeDevices(deviceCount);
  const compiled = compileConditions(rule);
  if (compiled.kind !== 'compiled') throw new Error('the reference rule must compile');

  // Compiled: warm-up, then the median of 5 passes over every device.
  const countMatches = (): number => {
    let matched = 0;
    for (let index = 0; index < devices.length; index++) {
      if (compiled.evaluate(devices[index] as DeviceRecord) === 'matched') matched++;
    }
    return matched;
  };
  countMatches();
  const passes: number[] = [];
  let compiledMatches = 0;
  for (let pass = 0; pass < 5; pass++) {
    const start = process.hrtime.bigint();
    compiledMatches = countMatches();
    passes.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const compiledSeconds = median(passes);
  const compiledRate = devices.length / compiledSeconds;

  // 10 M evaluations: ten passes over the devices (holding 10 M records would measure the heap, not the rule).
  const tenMillionPasses = Math.ceil(10_000_000 / devices.length);
  const tenStart = process.hrtime.bigint();
  let tenMatches = 0;
  for (let pass = 0; pass < tenMillionPasses; pass++) tenMatches += countMatches();
  const tenSeconds = Number(process.hrtime.bigint() - tenStart) / 1e9;

  // json-rules-engine, idiomatic: one Engine, sequential runs, the device's facts as runtime facts.
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: rule as never, event: { type: 'match' } });
  for (let index = 0; index < 2_000; index++) await engine.run(deviceFacts(devices[index] as DeviceRecord));
  const engineStart = process.hrtime.bigint();
  let engineMatches = 0;
  let compiledOnSameDevices = 0;
  for (let index = 0; index < engineCount; index++) {
    const device = devices[index] as DeviceRecord;
    const { results } = await engine.run(deviceFacts(device));
    if (results.length > 0) engineMatches++;
  }
  const engineSeconds = Number(process.hrtime.bigint() - engineStart) / 1e9;
  for (let index = 0; index < engineCount; index++) {
    if (compiled.evaluate(devices[index] as DeviceRecord) === 'matched') compiledOnSameDevices++;
  }
  if (engineMatches !== compiledOnSameDevices) {
    throw new Error(
      `mismatch: json-rules-engine matched ${engineMatches}, compiled ${compiledOnSameDevices}`,
    );
  }
  const engineRate = engineCount / engineSeconds;
  const ratio = compiledRate / engineRate;

  const report = {
    node: process.version,
    devices: devices.length,
    matched: compiledMatches,
    compiledDevicesPerSecond: Math.round(compiledRate),
    engineDevices: engineCount,
    engineMatched: engineMatches,
    engineDevicesPerSecond: Math.round(engineRate),
    ratio: Number(ratio.toFixed(1)),
    tenMillionSeconds: Number(tenSeconds.toFixed(3)),
    tenMillionMatched: tenMatches,
  };
  console.log(JSON.stringify(report));
  const failures: string[] = [];
  if (ratio < 200) failures.push(`compiled is ${ratio.toFixed(1)}× json-rules-engine, target ≥ 200×`);
  if (tenSeconds >= 2) failures.push(`10 M devices took ${tenSeconds.toFixed(2)} s, target < 2 s`);
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

await main();
