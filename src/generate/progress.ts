/** Provider progress events to the one-line phase shown on the spinner. */
import type { ProgressEvent } from '../plugin/types.js';

export function describeProgress(event: ProgressEvent, label: string): string | undefined {
  switch (event.phase) {
    case 'submitting':
      return `Submitting to ${label}`;
    case 'uploading':
      return `Uploading ${event.name}`;
    case 'queued':
      return event.position !== undefined ? `Queued at position ${event.position} (${label})` : `Queued (${label})`;
    case 'running': {
      const pct = event.percent !== undefined ? ` ${Math.round(event.percent)}%` : '';
      const log = event.log ? `: ${event.log.replace(/\s+/g, ' ').slice(0, 80)}` : '';
      return `Running${pct} (${label})${log}`;
    }
    case 'downloading':
      return event.totalBytes ? `Downloading ${mb(event.receivedBytes)} of ${mb(event.totalBytes)} MB` : `Downloading ${mb(event.receivedBytes)} MB`;
    case 'message':
      return event.text;
  }
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}
