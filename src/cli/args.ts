// A small argument parser for the command line: positionals, `--flag`, `--no-flag` and
// `--option value` (or `--option=value`). Anything it does not know is a usage error, so a typo
// never silently changes what a command does.
import { plural } from '../core/plural.ts';
import { UsageError } from './io.ts';

export interface ArgSpec {
  /** Boolean flags; `--no-<name>` sets them false. */
  flags?: readonly string[];
  /** Options that take one value. */
  options?: readonly string[];
  /** How many positionals: exactly this many. */
  positionals: number;
  usage: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, boolean>;
  options: Map<string, string>;
}

export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Map<string, boolean>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.options?.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value (usage: ${spec.usage})`);
      }
      options.set(name, value);
    } else if (eq === -1 && spec.flags?.includes(name)) {
      flags.set(name, true);
    } else if (eq === -1 && name.startsWith('no-') && spec.flags?.includes(name.slice(3))) {
      flags.set(name.slice(3), false);
    } else {
      throw new UsageError(`unknown option ${arg} (usage: ${spec.usage})`);
    }
  }
  if (positionals.length !== spec.positionals) {
    throw new UsageError(
      `expected ${plural(spec.positionals, 'file argument', 'file arguments')}, got ${positionals.length} (usage: ${spec.usage})`,
    );
  }
  return { positionals, flags, options };
}
