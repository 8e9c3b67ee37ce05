/**
 * Plans a firmware upgrade for 1,000,000 water meters and prints the plan summary.
 * Run: `npx tsx examples/plan-million-devices.ts`
 *
 * The fleet (1,250,000 meters in five districts, one group each) lives in an InMemoryDirectory; the
 * campaign targets four districts' groups, 1,000,000 meters. Planned for IoTDA v5, which selects only
 * `targets_filter.group_ids` (the Filter target) by itself: a GroupIdList target is expanded through the
 * directory and cut into tasks of at most 30,000 device IDs, each named after the campaign.
 */
import { v5TaskNameRule } from '../packages/adapter-v5/src/index.js';
import { type Campaign, type DeviceRecord, InMemoryDirectory, plan } from '../packages/core/src/index.js';

const fleetSize = 1_250_000;
const districts = ['north', 'south', 'east', 'west', 'centre'];

function* fleet(): Generator<DeviceRecord> {
  for (let index = 0; index < fleetSize; index++) {
    const district = districts[index % districts.length]!;
    yield {
      id: `meter_${index.toString().padStart(7, '0')}`,
      deviceType: 'WaterMeter',
      location: district,
      groupIds: [`group_${district}`],
    };
  }
}

const campaign: Campaign = {
  name: 'meters_firmware_2_1',
  target: {
    type: 'GroupIdList',
    groupIds: ['group_north', 'group_south', 'group_east', 'group_west'],
  },
  operation: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
  policy: { retryCount: 3, retryInterval: 30 },
};

const directory = new InMemoryDirectory(fleet());
const started = performance.now();
const { tasks, summary } = await plan(campaign, {
  directory,
  nativeSelectors: ['Filter'],
  taskNameRule: v5TaskNameRule,
  maxTargetsPerTask: 30_000,
});
const elapsedMs = performance.now() - started;

const taskDurationMs = 30 * 60_000;
const minimumMs = summary.minimumDuration({
  rateLimitPerMinute: 100,
  maxUnfinishedTasks: 10,
  taskDurationMs,
});

console.log(`Campaign "${campaign.name}" over a fleet of ${fleetSize.toLocaleString('en-US')} devices`);
console.log(`  planned in ${elapsedMs.toFixed(0)} ms`);
console.log(
  `  tasks:             ${summary.tasks} (${summary.explicitTasks} explicit, ${summary.nativeTasks} native)`,
);
console.log(`  create calls:      ${summary.createCalls}`);
console.log(
  `  targets per task:  min ${summary.targetsPerTask.min}, max ${summary.targetsPerTask.max}, ` +
    `total ${summary.targetsPerTask.total.toLocaleString('en-US')}`,
);
console.log(
  `  first tasks:       ${tasks
    .slice(0, 3)
    .map((task) => task.name)
    .join(', ')}, …`,
);
console.log(`  last task:         ${tasks.at(-1)?.name}`);
console.log(
  `  minimum duration:  ${(minimumMs / 60_000).toFixed(0)} min ` +
    '(100 calls/min, 10 unfinished tasks at once, 30 min per task)',
);
