/**
 * Build step: the packages every command loads at start-up, each bundled into one ES module that
 * replaces the compiled re-export shim in dist/src/vendor/ (src/vendor/*.ts). Node's ESM loader
 * resolves, reads and links every module of a package one by one: got is 56 of them (≈72 ms of every
 * networked command's start-up, ≈39 ms as one file), commander's CommonJS ≈14 ms (≈9 ms). The code
 * is the installed package's, unchanged; the banner records its version.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `exports` is the source of src/vendor/<name>.ts's re-export, plus the version. */
async function bundle(name, exports) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  await build({
    stdin: { contents: `${exports}\nexport const version = ${JSON.stringify(version)};\n`, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: path.join(root, 'dist', 'src', 'vendor', `${name}.js`),
    allowOverwrite: true,
    legalComments: 'inline',
    logLevel: 'warning',
    // CommonJS code inside require()s node's built-ins; an ES module has no require of its own.
    banner: { js: `// ${name} ${version}, bundled by scripts/build-vendor.mjs. Do not edit.\nimport { createRequire as __automarketCreateRequire } from 'node:module';\nconst require = __automarketCreateRequire(import.meta.url);` },
  });
}

await bundle('got', "export { default } from 'got';");
await bundle('commander', "export { Command, Option, CommanderError } from 'commander';");
