/**
 * commander, as the CLI imports it. The build replaces the compiled form of this file with commander
 * bundled into one module (scripts/build-vendor.mjs): every command, `--help` included, loads it, and
 * one file loads faster than the package's CommonJS modules. From src (tests) it is the package.
 */
export { Command, Option, CommanderError } from 'commander';
