/**
 * Memory tuning for long runs (a batch of thousands of jobs). V8 doubles the young generation each
 * time the objects that survived scavenges add up to its size, up to 2 × 16 MiB; a batch keeps 16
 * jobs' worth of objects alive across scavenges all the time, so it always ends at the maximum, and
 * the extra survivors promoted meanwhile grow the old generation too. Keeping the young generation
 * at its starting size costs more, smaller scavenges and no measurable throughput (bench/: 10,000
 * items peak at 126 MiB instead of 157 MiB; 1,000 items at 50 ms the same items/s).
 *
 * The flag can be changed while running (V8 reads it when it decides to grow). It is set only on
 * the V8 versions it is known on (Node 20 to 24): an unknown flag would print an error on stderr.
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function keepYoungGenerationSmall(): void {
  if (applied) return;
  applied = true;
  const v8Major = Number(process.versions.v8.split('.')[0]);
  if (v8Major >= 11 && v8Major <= 13) setFlagsFromString('--semi-space-growth-factor=1');
}
