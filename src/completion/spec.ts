/**
 * What the completion scripts offer, read from the commander program itself (so a new command or flag
 * is completed without touching this file), plus kinds, provider ids and model ids from the registry.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { KINDS } from '../kinds.js';

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  /** What the first positional argument is: kind, provider, file, shell, or other. */
  argument?: string;
  subcommands: CommandSpec[];
}

export interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  /** The value it takes (`<id>`), if any. */
  value?: string;
}

export interface CompletionSpec {
  commands: CommandSpec[];
  globalOptions: OptionSpec[];
  kinds: string[];
  providers: string[];
  models: string[];
}

function optionsOf(cmd: Command): OptionSpec[] {
  return cmd.options.map((o) => ({
    ...(o.short ? { short: o.short } : {}),
    ...(o.long ? { long: o.long } : {}),
    description: o.description,
    ...(o.required || o.optional ? { value: o.flags.replace(/^.*?([<[][^>\]]+[>\]]).*$/, '$1').replace(/[<>[\]]/g, '') } : {}),
  }));
}

function describe(cmd: Command): CommandSpec {
  const first = cmd.registeredArguments[0]?.name();
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description().split('\n')[0] ?? '',
    options: optionsOf(cmd),
    ...(first ? { argument: first } : {}),
    subcommands: cmd.commands.filter((c) => c.name() !== 'help').map(describe),
  };
}

export async function completionSpec(ctx: Context, program: Command): Promise<CompletionSpec> {
  const registry = await ctx.registry();
  const models = new Set<string>();
  for (const id of registry.ids()) {
    try {
      const plugin = await registry.load(id);
      for (const m of plugin.models) {
        models.add(m.id);
        models.add(`${id}:${m.id}`);
      }
    } catch {
      /* a broken plugin has no models to complete; `plugins list` reports it */
    }
  }
  return {
    commands: program.commands.filter((c) => c.name() !== 'help').map(describe),
    globalOptions: optionsOf(program),
    kinds: [...KINDS],
    providers: registry.ids(),
    models: [...models].sort(),
  };
}

/** What a positional argument of this name completes to. */
export function argumentKind(name: string | undefined): 'kind' | 'provider' | 'file' | 'shell' | 'model' | 'none' {
  if (!name) return 'none';
  if (name === 'kind') return 'kind';
  if (name === 'provider') return 'provider';
  if (name === 'shell') return 'shell';
  if (name === 'model') return 'model';
  if (/file|path|spec/.test(name)) return 'file';
  return 'none';
}

/** What an option's value completes to. */
export function valueKind(option: OptionSpec): 'kind' | 'provider' | 'file' | 'model' | 'none' {
  const long = option.long ?? '';
  if (long === '--provider') return 'provider';
  if (long === '--model') return 'model';
  if (long === '--kind') return 'kind';
  if (['--input', '--output', '--config'].includes(long) || /path|file|dir/.test(option.value ?? '')) return 'file';
  return 'none';
}
