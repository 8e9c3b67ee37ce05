/**
 * What the `fleetcast` process exits with. Scripts branch on these numbers, so they never change.
 */
export const ExitCode = {
  /** Everything asked for succeeded (and, for `run`, every device succeeded). */
  ok: 0,
  /** The campaign ran to the end but some devices or tasks failed. */
  failures: 1,
  /** The input (arguments, campaign file, device file, credentials) is invalid; nothing was sent. */
  invalidInput: 2,
  /** The user cancelled (Ctrl-C); the journal says where to resume. */
  cancelled: 3,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
