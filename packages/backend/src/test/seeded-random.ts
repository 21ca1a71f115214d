/**
 * Numbers in [0, 1) that one seed always repeats, so a random test that fails can be run again
 * as it was. Mulberry32: 32 bits of state, plenty for picking test moves.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A seed for `seededRandom`: the variable `name` holds it when a run is replayed, else a new one. */
export function seedFrom(name: string): number {
  const given = process.env[name];
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`${name} must be a whole number below 2^32 (got "${given}")`);
  }
  return seed;
}
