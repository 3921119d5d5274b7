/** `automarket service list | start <name> | stop <name> | status [name] | logs <name>` (design.md section 6). */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { LogsFlags, StartFlags } from '../src/commands/service.js';

const impl = () => import('../src/commands/service.js');

export function register(program: Command, runEnv: RunEnvironment): void {
  const service = program.command('service').description('run local AI services (Ollama, Kokoro, Speaches, LocalAI, your own) with Docker Compose');
  service
    .command('list', { isDefault: true })
    .description('built-in and config-declared services, with their state')
    .option('--json', 'one JSON line per service')
    .action(action(runEnv, async (ctx) => (await impl()).serviceList(ctx)));
  service
    .command('start')
    .description('docker compose up, wait until healthy, print the URL')
    .argument('<name>', 'service name (automarket service list)')
    .option('--gpu', 'use the GPU variant (NVIDIA)')
    .option('--timeout <s>', 'seconds to wait for health (default: the service\'s startTimeout, else 300)')
    .option('--json', 'one JSON line with the result')
    .action(action(runEnv, async (ctx, flags: StartFlags, name: string) => (await impl()).serviceStart(ctx, name, flags)));
  service
    .command('stop')
    .description('docker compose down (named volumes with models are kept)')
    .argument('<name>', 'service name')
    .option('--json', 'one JSON line with the result')
    .action(action(runEnv, async (ctx, _flags: object, name: string) => (await impl()).serviceStop(ctx, name)));
  service
    .command('status')
    .description('running, healthy, URL and provider of one service (or all)')
    .argument('[name]', 'service name; all when omitted')
    .option('--json', 'one JSON line per service')
    .action(action(runEnv, async (ctx, _flags: object, name: string | undefined) => (await impl()).serviceStatusCommand(ctx, name)));
  service
    .command('logs')
    .description('the tail of a service\'s logs')
    .argument('<name>', 'service name')
    .option('--tail <n>', 'lines to show (default 100)')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option('--json', 'one JSON line: {"name","lines"}')
    .action(action(runEnv, async (ctx, flags: LogsFlags, name: string) => (await impl()).serviceLogsCommand(ctx, name, flags)));
}
