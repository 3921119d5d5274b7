/**
 * Builds the commander program. Command files only declare names and options; each action imports
 * its implementation when it runs, so `--help` and `--version` load almost nothing.
 */
import { Command, Option } from './vendor/commander.js';
import type { RunEnvironment } from './command-runner.js';
import { VERSION } from './version.js';
import { register as registerGenerate } from '../commands/generate.js';
import { register as registerProviders } from '../commands/providers.js';
import { register as registerModels } from '../commands/models.js';
import { register as registerGallery } from '../commands/gallery.js';
import { register as registerService } from '../commands/service.js';
import { register as registerJobs } from '../commands/jobs.js';
import { register as registerCompose } from '../commands/compose.js';
import { register as registerPlugins } from '../commands/plugins.js';
import { register as registerBatch } from '../commands/batch.js';
import { register as registerKeys } from '../commands/keys.js';
import { register as registerConfig } from '../commands/config.js';
import { register as registerInit } from '../commands/init.js';
import { register as registerHistory } from '../commands/history.js';
import { register as registerCompletion } from '../commands/completion.js';
import { addHelpExamples } from './help-examples.js';

type Registrar = (program: Command, runEnv: RunEnvironment) => void;

/** Every subcommand, by the words that invoke it. A new command adds one line here. */
const COMMANDS: Array<{ names: string[]; register: Registrar }> = [
  // In the order `automarket --help` shows them: make things, then see and run what makes them,
  // then what was made, then setup.
  { names: ['generate', 'gen'], register: registerGenerate },
  { names: ['batch'], register: registerBatch },
  { names: ['compose'], register: registerCompose },
  { names: ['models'], register: registerModels },
  { names: ['providers'], register: registerProviders },
  { names: ['service'], register: registerService },
  { names: ['jobs'], register: registerJobs },
  { names: ['history'], register: registerHistory },
  { names: ['gallery'], register: registerGallery },
  { names: ['config'], register: registerConfig },
  { names: ['init'], register: registerInit },
  { names: ['keys'], register: registerKeys },
  { names: ['plugins'], register: registerPlugins },
  // Completion describes every command, so it needs them all (see commandsFor).
  { names: ['completion'], register: registerCompletion },
];

/** Global options that take a value: the word after them is not a command. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--config']);

/**
 * The commands a run needs. Declaring all fourteen costs more CPU than the rest of a quick
 * `generate` (hundreds of commander Option objects), and a script or a batch of runs pays it every
 * time; so when argv names a command, only that one is declared. Anything else (no command, `help`,
 * a typo that should get "did you mean", `completion`) gets them all.
 */
function commandsFor(argv: readonly string[] | undefined): typeof COMMANDS {
  if (!argv) return COMMANDS;
  let word: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) {
      word = arg;
      break;
    }
  }
  const match = word === undefined || word === 'completion' ? undefined : COMMANDS.find((c) => c.names.includes(word));
  return match ? [match] : COMMANDS;
}

/** The program; given the run's argv, with only the command it invokes (see commandsFor). */
export function buildProgram(runEnv: RunEnvironment, argv?: readonly string[]): Command {
  const program = new Command('automarket')
    .description('Make AI media through many providers with one interface, and run local AI services in Docker.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--config <path>', 'use this config file instead of searching the project')
    .option('--verbose', 'trace requests and decisions on stderr (keys are always redacted)')
    .addOption(new Option('--no-color', 'no colour or spinner'))
    .showHelpAfterError('  hint: run with --help for usage')
    .enablePositionalOptions(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runEnv.io.stdout.write(text),
      writeErr: (text) => runEnv.io.stderr.write(text),
      outputError: (text, write) => write(text),
    });
  for (const { register } of commandsFor(argv)) register(program, runEnv);
  addHelpExamples(program);
  // Commander's own parse errors exit 2 like every usage error, and never print a stack.
  program.commands.forEach(function override(cmd: Command) {
    cmd.exitOverride();
    cmd.configureOutput(program.configureOutput());
    cmd.commands.forEach(override);
    rejectUnknownSubcommand(cmd);
  });
  return program;
}

/**
 * `jobs bogus` would otherwise reach the default subcommand (`jobs list`) and fail with "too many
 * arguments for 'list'", naming a command the user never typed. When the default takes no
 * arguments, a word that is not a subcommand is an unknown command: say so and list the real ones.
 */
function rejectUnknownSubcommand(group: Command): void {
  const defaultName = (group as unknown as { _defaultCommandName?: string | null })._defaultCommandName;
  if (!defaultName) return;
  group.hook('preSubcommand', (parent, sub) => {
    if (sub.name() !== defaultName || sub.registeredArguments.length > 0) return;
    const word = parent.args.find((a) => !a.startsWith('-'));
    const names = parent.commands.map((c) => c.name()).filter((n) => n !== 'help');
    if (word === undefined || names.includes(word)) return;
    parent.error(`error: unknown command '${word}' for '${parent.name()}' (commands: ${names.join(', ')})`, { code: 'commander.unknownCommand', exitCode: 2 });
  });
}
