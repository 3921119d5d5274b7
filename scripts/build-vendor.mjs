/**
 * Build step: got, as installed in node_modules, bundled into one ESM file (dist/vendor/got.js).
 * got is 56 modules; Node's ESM loader resolves, reads and links each one, and that took ≈72 ms of
 * every networked command's start-up against ≈39 ms for the same code in one file (bench/README.md).
 * src/http.ts loads this file when it exists and falls back to `got` itself (tests run from src).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', 'got', 'package.json'), 'utf8'));
const outfile = path.join(root, 'dist', 'vendor', 'got.js');
mkdirSync(path.dirname(outfile), { recursive: true });
await build({
  stdin: { contents: "export { default } from 'got';\nexport const version = " + JSON.stringify(version) + ';\n', resolveDir: root, loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  legalComments: 'inline',
  logLevel: 'warning',
  // got's CommonJS dependencies require() node's built-ins; an ES module has no require of its own.
  banner: { js: `// got ${version}, bundled by scripts/build-vendor.mjs. Do not edit.\nimport { createRequire as __automarketCreateRequire } from 'node:module';\nconst require = __automarketCreateRequire(import.meta.url);` },
});
