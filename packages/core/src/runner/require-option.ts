import { RunnerOptionError } from '../errors/runner-option-error.js';

/** Throws {@link RunnerOptionError} unless `value` is an integer within `[min, max]`. */
export function requireInteger(option: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RunnerOptionError(option, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** Throws {@link RunnerOptionError} unless `value` is a finite number within `[min, max]`. */
export function requireNumber(option: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RunnerOptionError(option, value, `a number from ${min} to ${max}`);
  }
  return value;
}
