/**
 * Builds the commander program. Command files only declare names and options; each action imports
 * its implementation when it runs, so `--help` and `--version` load almost nothing.
 */
import { Command, Option } from 'commander';
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

type Registrar = (program: Command, runEnv: RunEnvironment) => void;

/** Every subcommand. A new command adds one line here. */
const COMMANDS: Registrar[] = [
  registerGenerate,
  registerProviders,
  registerModels,
  registerGallery,
  registerService,
  registerJobs,
  registerCompose,
  registerPlugins,
  registerBatch,
  registerKeys,
  registerConfig,
  registerInit,
  registerHistory,
  registerCompletion,
];

export function buildProgram(runEnv: RunEnvironment): Command {
  const program = new Command('automarket')
    .description('Make AI media through many providers with one interface, and run local AI services in Docker.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--config <path>', 'use this config file instead of searching the project')
    .option('--verbose', 'trace requests and decisions on stderr (keys are always redacted)')
    .addOption(new Option('--no-color', 'no colour or spinner'))
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runEnv.io.stdout.write(text),
      writeErr: (text) => runEnv.io.stderr.write(text),
      outputError: (text, write) => write(text),
    });
  for (const register of COMMANDS) register(program, runEnv);
  // Commander's own parse errors exit 2 like every usage error, and never print a stack.
  program.commands.forEach(function override(cmd: Command) {
    cmd.exitOverride();
    cmd.configureOutput(program.configureOutput());
    cmd.commands.forEach(override);
  });
  return program;
}
