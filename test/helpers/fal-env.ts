/** A working directory whose config points provider `fal` at a fake, with a fast poll. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

export const FAL_TEST_KEY = 'fal-test-id:0123456789abcdef-secret';

export function falProject(fakeUrl: string, extra: Record<string, unknown> = {}): string {
  const cwd = tempDir('automarket-fal-');
  const config = {
    providers: { fal: { baseUrl: fakeUrl, storageUrl: fakeUrl, pollIntervalMs: 5 } },
    ...extra,
  };
  writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify(config, null, 2));
  return cwd;
}
