/** Times `n` sequential calls of `once(i)` after a warm-up, and prints CPU and wall time per call as one JSON line. */
export async function timeLoop(n, once) {
  const warmup = Math.min(20, n);
  for (let i = 0; i < warmup; i++) await once(`w${i}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once(i);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ n, wallMsPer: wallMs / n, cpuMsPer: (cpu.user + cpu.system) / 1000 / n, maxRssKiB: process.resourceUsage().maxRSS }));
}
