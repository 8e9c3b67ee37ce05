import { describeValue, isPlainObject } from '../errors/describe-value.js';
import {
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkString,
  reportMissing,
  reportWrongType,
} from './field-checks.js';
import type { IssueCollector } from './issue-collector.js';

const rolloutFields = ['waves', 'salt', 'gate', 'abort'];
const waveFields = ['percent'];
const gateFields = ['minFinishedFraction', 'minSuccessRate', 'soakMs', 'approve'];
const abortFields = ['criteria', 'action'];
const criterionFields = ['failureType', 'thresholdPercent', 'minFinishedDevices'];
/** Seven days: longer soaks are better served by pausing and resuming. */
export const maxSoakMs = 7 * 24 * 60 * 60 * 1000;
/** AWS IoT Jobs allows a handful of criteria too; more would only be contradictory. */
export const maxAbortCriteria = 10;

function checkFraction(issues: IssueCollector, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    reportWrongType(issues, path, value, 'a number from 0 to 1');
  } else if (value < 0 || value > 1) {
    issues.add(path, 'out_of_range', `${path}: ${value} is out of range (0–1)`);
  }
}

function validateGate(issues: IssueCollector, gate: unknown): void {
  if (gate === undefined) return;
  if (!isPlainObject(gate)) {
    reportWrongType(
      issues,
      'rollout.gate',
      gate,
      'an object {minFinishedFraction?, minSuccessRate?, soakMs?, approve?}',
    );
    return;
  }
  checkKnownFields(issues, 'rollout.gate', gate, gateFields);
  checkFraction(issues, 'rollout.gate.minFinishedFraction', gate.minFinishedFraction);
  checkFraction(issues, 'rollout.gate.minSuccessRate', gate.minSuccessRate);
  checkInteger(issues, 'rollout.gate.soakMs', gate.soakMs, { min: 0, max: maxSoakMs, unit: 'ms' });
  if (gate.approve !== undefined && typeof gate.approve !== 'function') {
    reportWrongType(
      issues,
      'rollout.gate.approve',
      gate.approve,
      'a function (info) => Promise<boolean> (programmatic use only)',
    );
  }
}

function validateCriterion(issues: IssueCollector, path: string, criterion: unknown): void {
  if (!isPlainObject(criterion)) {
    reportWrongType(issues, path, criterion, 'an object {failureType, thresholdPercent, minFinishedDevices}');
    return;
  }
  checkKnownFields(issues, path, criterion, criterionFields);
  if (criterion.failureType === undefined)
    reportMissing(issues, `${path}.failureType`, "'failed', 'timedOut' or 'any'");
  checkEnum(issues, `${path}.failureType`, criterion.failureType, ['failed', 'timedOut', 'any']);
  const threshold = criterion.thresholdPercent;
  const thresholdPath = `${path}.thresholdPercent`;
  if (threshold === undefined) reportMissing(issues, thresholdPath, 'a number from 0 to 100');
  else if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    reportWrongType(issues, thresholdPath, threshold, 'a number from 0 to 100');
  } else if (threshold < 0 || threshold > 100) {
    issues.add(thresholdPath, 'out_of_range', `${thresholdPath}: ${threshold} is out of range (0–100)`);
  } else if (Math.abs(Math.round(threshold * 100) - threshold * 100) > 1e-6) {
    issues.add(thresholdPath, 'invalid_value', `${thresholdPath}: ${threshold} has more than two decimals`);
  }
  if (criterion.minFinishedDevices === undefined) {
    reportMissing(issues, `${path}.minFinishedDevices`, 'an integer, at least 1');
  }
  checkInteger(issues, `${path}.minFinishedDevices`, criterion.minFinishedDevices, { min: 1 });
}

function validateAbort(issues: IssueCollector, abort: unknown): void {
  if (abort === undefined) return;
  if (!isPlainObject(abort)) {
    reportWrongType(issues, 'rollout.abort', abort, "an object {criteria, action: 'pause' | 'abort'}");
    return;
  }
  checkKnownFields(issues, 'rollout.abort', abort, abortFields);
  if (abort.action === undefined) reportMissing(issues, 'rollout.abort.action', "'pause' or 'abort'");
  checkEnum(issues, 'rollout.abort.action', abort.action, ['pause', 'abort']);
  const criteria = abort.criteria;
  if (!Array.isArray(criteria)) {
    if (criteria === undefined)
      reportMissing(issues, 'rollout.abort.criteria', `a list of 1–${maxAbortCriteria} criteria`);
    else
      reportWrongType(issues, 'rollout.abort.criteria', criteria, `a list of 1–${maxAbortCriteria} criteria`);
    return;
  }
  if (criteria.length === 0 || criteria.length > maxAbortCriteria) {
    issues.add(
      'rollout.abort.criteria',
      criteria.length === 0 ? 'empty_list' : 'too_long',
      `rollout.abort.criteria: has ${criteria.length} criteria (1–${maxAbortCriteria} allowed)`,
    );
  }
  criteria.slice(0, maxAbortCriteria).forEach((criterion, index) => {
    validateCriterion(issues, `rollout.abort.criteria[${index}]`, criterion);
  });
}

const wavesExpected = 'a list of cumulative percents, e.g. [{"percent": 1}, {"percent": 100}]';

/**
 * Checks `rollout.waves` entry by entry, reporting every bad wave (not only the first). Accepts exactly what
 * `waveLimits` accepts: percents in (0, 100], at most two decimals, strictly rising.
 */
function validateWaves(issues: IssueCollector, waves: unknown): void {
  const path = 'rollout.waves';
  if (waves === undefined) {
    reportMissing(issues, path, wavesExpected);
    return;
  }
  if (!Array.isArray(waves)) {
    reportWrongType(issues, path, waves, wavesExpected);
    return;
  }
  if (waves.length === 0) {
    issues.add(path, 'empty_list', `${path} is empty (at least one wave is needed, e.g. [{"percent": 100}])`);
    return;
  }
  let previous = 0;
  waves.forEach((wave: unknown, index) => {
    const wavePath = `${path}[${index}]`;
    if (!isPlainObject(wave)) {
      reportWrongType(issues, wavePath, wave, 'an object {percent}');
      return;
    }
    checkKnownFields(issues, wavePath, wave, waveFields);
    const field = `${wavePath}.percent`;
    const percent = wave.percent;
    if (percent === undefined) {
      reportMissing(issues, field, 'a cumulative percent in (0, 100]');
    } else if (typeof percent !== 'number' || !Number.isFinite(percent)) {
      reportWrongType(issues, field, percent, 'a number in (0, 100]');
    } else if (percent <= 0 || percent > 100) {
      issues.add(field, 'out_of_range', `${field}: ${percent} is out of range (above 0, at most 100)`);
    } else if (Math.abs(Math.round(percent * 100) - percent * 100) > 1e-6) {
      issues.add(
        field,
        'invalid_value',
        `${field}: ${percent} has more than two decimals (a bucket is 0.01 %)`,
      );
    } else if (Math.round(percent * 100) <= previous) {
      issues.add(
        field,
        'invalid_value',
        `${field}: ${describeValue(percent)} must be above the previous wave's ${previous / 100} (percents are cumulative)`,
      );
    } else {
      previous = Math.round(percent * 100);
    }
  });
}

/** Adds the issues of `campaign.rollout`: waves (as `waveLimits` checks them), salt, gate and abort. */
export function validateRollout(issues: IssueCollector, rollout: unknown): void {
  if (rollout === undefined) return;
  if (!isPlainObject(rollout)) {
    reportWrongType(issues, 'rollout', rollout, 'an object {waves, salt?, gate?, abort?}');
    return;
  }
  checkKnownFields(issues, 'rollout', rollout, rolloutFields);
  validateWaves(issues, rollout.waves);
  checkString(issues, 'rollout.salt', rollout.salt, { min: 0, max: 256 });
  validateGate(issues, rollout.gate);
  validateAbort(issues, rollout.abort);
}
