/** Global options that take a value, so their value is not mistaken for a command name. */
const VALUE_OPTIONS = new Set(['-w', '--workspace']);

/**
 * The name of the command `argv` runs (`help verify` runs verify's help), or undefined for
 * `fieldwork`, `fieldwork --help` and `fieldwork --version`.
 *
 * @example
 * commandToRun(['--workspace', 'ws', 'check', '--json']) // 'check'
 */
export function commandToRun(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a === 'help' && argv[i + 1] && !argv[i + 1]!.startsWith('-') ? argv[i + 1] : a;
  }
  return undefined;
}
