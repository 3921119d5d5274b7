/** The offline catalogue: what `models list` shows and what the engine checks flags against. */
export const MODELS = [
  {
    id: 'example-image-1',
    capabilities: ['text-to-image'],
    displayName: 'Example Image 1',
    default: true,
    // Options this model honours; any other flag the user sets becomes a warning, never a silent drop.
    supports: ['size', 'seed', 'count'],
    price: { usd: 0.001, per: 'image' },
  },
  {
    id: 'example-text-1',
    capabilities: ['text-to-text'],
    displayName: 'Example Text 1 (echoes, upper-cased)',
    default: true,
    supports: [],
    price: { usd: 0, per: 'request' },
  },
];
