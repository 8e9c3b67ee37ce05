import { chunkDeviceIds } from './chunk-device-ids.js';
import { checkedTargetIds, duplicateReporter } from './checked-target-ids.js';
import type { PlanOptions } from './plan-options.js';
import { PlanningError } from '../errors/planning-error.js';
import { taskName } from './task-name.js';
import type { TaskPlanV1 } from '../adapter/v1/task-plan-v1.js';
import type { TaskNameRuleV1 } from '../adapter/v1/task-name-rule-v1.js';
import type { Campaign } from '../campaign/campaign.js';
import { waveLimits, waveOfBucket } from '../rollout/assign-wave.js';
import { rolloutBucket } from '../rollout/rollout-bucket.js';

/** What {@link planWaves} needs from the planner. */
export interface WavePlanLimits {
  readonly maxTargetsPerTask: number;
  readonly taskNameRule: TaskNameRuleV1;
}

async function* onlyWave(
  batches: AsyncIterable<readonly string[]>,
  wave: number,
  limits: readonly number[],
  key: { campaignName: string; salt: string | undefined },
): AsyncGenerator<readonly string[]> {
  for await (const batch of batches) {
    const kept = batch.filter((id) => waveOfBucket(rolloutBucket(id, key), limits) === wave);
    if (kept.length > 0) yield kept;
  }
}

/**
 * Plans a campaign with a `rollout`: wave by wave, each wave chunked as usual, tasks named
 * `<name>_wave<w>[_part<n>]` and carrying `wave`. No platform takes a percentage, so every target is expanded
 * (a native selector too). The target is expanded once per wave (W passes over the directory, holding one
 * chunk at a time) rather than held whole in memory. An empty wave plans no task; devices beyond the last
 * wave's percent are not planned. Rules reports unevaluable devices during the first pass only.
 */
export async function* planWaves(
  campaign: Campaign,
  options: PlanOptions,
  limits: WavePlanLimits,
): AsyncGenerator<TaskPlanV1> {
  const rollout = campaign.rollout;
  if (!rollout) throw new Error('planWaves needs a campaign with a rollout');
  const waveBuckets = waveLimits(rollout);
  const key = { campaignName: campaign.name, salt: rollout.salt };
  const { target } = campaign;
  let index = 0;
  for (let wave = 0; wave < waveBuckets.length; wave++) {
    const rules =
      wave === 0 || !options.rules ? options.rules : { ...options.rules, onUnevaluable: () => {} };
    // Refusals are reported during the first pass only: every pass reads the same directory.
    const batches = checkedTargetIds(target, options, {
      batchSize: options.batchSize,
      signal: options.signal,
      rules,
      forRollout: true,
      reportRefusals: wave === 0,
    });
    // A repeated ID falls in the same wave as its first occurrence (the wave is a hash of the ID), so
    // dropping repeats within each wave keeps a device in at most one task of the whole rollout.
    const onDuplicate = duplicateReporter(target, options);
    const chunks = chunkDeviceIds(onlyWave(batches, wave, waveBuckets, key), {
      maxTargetsPerTask: limits.maxTargetsPerTask,
      exclude: new Set(target.exclude ?? []),
      dropDuplicates: true,
      ...(onDuplicate ? { onDuplicate } : {}),
      sourceDescription: `wave ${wave + 1}`,
    });
    try {
      for await (const chunk of chunks) {
        const name = taskName(
          campaign.name,
          limits.taskNameRule,
          chunk.only ? { wave } : { wave, part: chunk.part },
        );
        yield { kind: 'explicit', name, index, wave, deviceIds: chunk.deviceIds };
        index++;
      }
    } catch (error) {
      // An empty wave (1 % of a small fleet) is normal; only a rollout with no device at all is an error.
      if (!(PlanningError.isInstance(error) && error.code === 'FLEETCAST_EMPTY_TARGET')) throw error;
    }
  }
  if (index === 0) {
    throw new PlanningError(
      'FLEETCAST_EMPTY_TARGET',
      `target: no device remains in any rollout wave (waves up to ${rollout.waves.at(-1)?.percent} %, ` +
        `${target.exclude?.length ?? 0} excluded ID(s))`,
    );
  }
}
