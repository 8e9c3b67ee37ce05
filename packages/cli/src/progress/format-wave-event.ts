import type { CampaignEventSource } from './campaign-event-source.js';
import { formatCount, formatDuration } from './format-number.js';

/** Devices of a wave event, in a few words. */
function describeDevices(devices: {
  targeted: number;
  succeeded: number;
  failed: number;
  timedOut: number;
}): string {
  return `${formatCount(devices.targeted)} devices: ${formatCount(devices.succeeded)} succeeded, ${formatCount(devices.failed)} failed, ${formatCount(devices.timedOut)} timed out`;
}

/**
 * Calls `write(at, text)` with one readable line per rollout wave event (started, gated, passed,
 * aborted or paused); waves are numbered from 1, as task names show them.
 */
export function onWaveEvents(run: CampaignEventSource, write: (at: number, text: string) => void): void {
  run.on('wave-started', (event) => {
    write(
      event.at,
      `wave ${event.wave + 1}/${event.waves} started (cumulative ${event.percent} % of ID-hash buckets)`,
    );
  });
  run.on('wave-gated', (event) => {
    const gate = event.gate;
    const needs = [
      `${gate.minFinishedFraction * 100} % finished`,
      `${gate.minSuccessRate * 100} % success`,
      ...(gate.soakMs > 0 ? [`soak ${formatDuration(gate.soakMs)}`] : []),
      ...(gate.approval ? ['approval'] : []),
    ].join(', ');
    write(event.at, `wave ${event.wave + 1} gated: ${event.tasks} task(s) created; next wave needs ${needs}`);
  });
  run.on('wave-passed', (event) => {
    const via = event.via === 'resume' ? ' (released by resume)' : '';
    write(event.at, `wave ${event.wave + 1} passed${via}: ${describeDevices(event.devices)}`);
  });
  run.on('wave-aborted', (event) => {
    const what = event.action === 'abort' ? 'ABORTED' : 'PAUSED';
    write(event.at, `wave ${event.wave + 1} ${what} (${event.reason}): ${event.message}`);
  });
}
