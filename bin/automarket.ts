#!/usr/bin/env node
/**
 * The automarket command. Ctrl-C once cancels the work cleanly (remote jobs cancelled, temp files
 * removed, exit 130); a second Ctrl-C exits at once.
 */
const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Fast path: no commander, no config, no providers.
  const { VERSION } = await import('../src/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) {
      // The user does not want to wait for the remote cancel; 'exit' handlers still remove temp files.
      process.stderr.write('\nerror: Interrupted again: exiting without waiting for the cancel (check `automarket jobs list`)\n');
      process.exit(130);
    }
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());
  const { run } = await import('../src/run.js');
  const code = await run(argv, { io: process, env: { ...process.env }, cwd: process.cwd(), signal: controller.signal });
  // Let stdout drain (a pipe may be slow), then leave even if a keep-alive socket lingers.
  process.exitCode = code;
  if (process.stdout.writableLength > 0) await new Promise((resolve) => process.stdout.once('drain', resolve));
  process.exit(code);
}
