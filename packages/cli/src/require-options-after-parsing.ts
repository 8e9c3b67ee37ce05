import type { Command } from 'commander';

/**
 * Moves the check of `command`'s mandatory options after commander's unknown-option check: commander
 * checks mandatory options first, so `--platfrom v5` said "required option '--platform' not specified"
 * instead of naming the typo. The options stay required (same message, same exit code); they are checked
 * in a `preAction` hook, which runs after unknown options were refused.
 */
export function requireOptionsAfterParsing(command: Command): Command {
  const required = command.options.filter((option) => option.mandatory);
  for (const option of required) option.mandatory = false;
  if (required.length === 0) return command;
  return command.hook('preAction', (_self, action) => {
    for (const option of required) {
      if (action.getOptionValue(option.attributeName()) === undefined) {
        action.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
      }
    }
  });
}
