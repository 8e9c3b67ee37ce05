/**
 * Rewrites a library message for the command line: core names its own options (`options.directory`,
 * `options.nativeSelectors`), which a CLI user never sees; the CLI names the flags that supply them.
 */
export function cliWording(message: string): string {
  return message
    .replace(
      / \(or a platform that selects it natively: options\.nativeSelectors\)/g,
      ' (or a platform that selects it natively)',
    )
    .replace(
      /which needs options\.directory/g,
      'which needs a device source: give --devices <fleet file> or --endpoint <url>',
    );
}
