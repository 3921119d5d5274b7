/** Kinds (what a command produces) and capabilities (input kind to output kind). design.md section 1. */
export const KINDS = ['image', 'video', 'audio', 'text'] as const;
export type Kind = (typeof KINDS)[number];

export const CAPABILITIES = [
  'text-to-image',
  'image-to-image',
  'text-to-video',
  'image-to-video',
  'text-to-audio',
  'audio-to-text',
  'text-to-text',
  'video-to-audio',
  'video-to-image',
  'audio-to-audio',
  'video-to-video',
  'image-to-text',
  'video-to-text',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

export function isCapability(value: string): value is Capability {
  return (CAPABILITIES as readonly string[]).includes(value);
}

export function outputKindOf(capability: Capability): Kind {
  return capability.split('-to-')[1] as Kind;
}

export function inputKindOf(capability: Capability): Kind {
  return capability.split('-to-')[0] as Kind;
}

/** The capability a command asks for: the output kind, and the kind of the first input (text when none). */
export function capabilityFor(output: Kind, inputKind: Kind | undefined): Capability {
  const cap = `${inputKind ?? 'text'}-to-${output}`;
  if (!isCapability(cap)) {
    throw new Error(`no capability ${cap}`);
  }
  return cap;
}

/** Media type prefix to kind ("image/png" -> image). */
export function kindOfMediaType(mediaType: string | undefined): Kind | undefined {
  if (!mediaType) return undefined;
  const top = mediaType.split('/')[0];
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  if (top === 'text' || mediaType === 'application/json' || mediaType === 'application/x-subrip') return 'text';
  return undefined;
}
