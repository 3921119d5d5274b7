/** `automarket jobs list | show <id> | resume <id|--all> | cancel <id>`: the job journal. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { ResumeFlags } from '../src/jobs/resume.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const jobs = program.command('jobs').description('remote jobs recorded in the journal: list, show, resume (fetch without paying again), cancel');
  jobs
    .command('list', { isDefault: true })
    .description('every recorded job: id, status, provider, model, when, prompt')
    .option('--json', 'one JSON line per job')
    .action(
      action(runEnv, async (ctx) => {
        const { jobsList } = await import('../src/jobs/view.js');
        jobsList(ctx);
      }),
    );
  jobs
    .command('show')
    .description('the full record of one job')
    .argument('<id>', 'job id (or the provider request id)')
    .option('--json', 'the record as one JSON line')
    .action(
      action(runEnv, async (ctx, _flags, id: string) => {
        const { jobsShow } = await import('../src/jobs/view.js');
        jobsShow(ctx, id);
      }),
    );
  jobs
    .command('resume')
    .description('fetch the results of jobs that finished (or still run) without submitting again, and save them as generate would')
    .argument('[id]', 'job id (or the provider request id)')
    .option('--all', 'every unfinished job')
    .option('--timeout <s>', 'seconds to wait for a job still running')
    .option('--force', 'overwrite existing files')
    .option('--json', 'one JSON line per written asset')
    .option('-q, --quiet', 'no spinner or notes on stderr')
    .action(
      action(runEnv, async (ctx, flags: ResumeFlags, id: string | undefined) => {
        const { jobsResume } = await import('../src/jobs/resume.js');
        await jobsResume(ctx, id, flags);
      }),
    );
  jobs
    .command('cancel')
    .description('ask the provider to stop a job')
    .argument('<id>', 'job id (or the provider request id)')
    .option('--json', 'one JSON line: {"id","status"}')
    .action(
      action(runEnv, async (ctx, _flags, id: string) => {
        const { jobsCancel } = await import('../src/jobs/cancel.js');
        await jobsCancel(ctx, id);
      }),
    );
}
