import { InputProblem } from '../http/input-problem.js';
import { TimeFormatProblem } from './v5-create-request.js';
import { V5_ERRORS, v5Error } from './v5-errors.js';
import { LimitProblem } from './v5-paging.js';

/** Runs a reader and turns its {@link InputProblem} into the matching IoTDA 400 error. */
export function withV5Input<T>(read: () => T): T {
  try {
    return read();
  } catch (problem) {
    if (!(problem instanceof InputProblem)) throw problem;
    const detail = `${problem.field} ${problem.rule}.`;
    if (problem instanceof TimeFormatProblem) throw v5Error(V5_ERRORS.invalidTime, detail);
    if (problem instanceof LimitProblem) throw v5Error(V5_ERRORS.invalidLimit, detail);
    if (problem.field === 'body' && problem.rule === 'is not valid JSON')
      throw v5Error(V5_ERRORS.badRequest, detail);
    throw v5Error(V5_ERRORS.invalidInput, detail);
  }
}
