/**
 * One seedable source of randomness for the whole project, so that every split, sample and
 * synthetic population is reproducible from its seed. xoshiro128** on 32-bit state words.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A draw from the standard normal distribution. */
  normal(): number;
  /** A new, independent stream derived from this one. */
  fork(): Random;
}

export function createRandom(seed: number): Random {
  const state = seedState(seed);
  let spareNormal: number | undefined;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(state[1]!, 5), 7), 9) >>> 0;
    const t = state[1]! << 9;
    state[2]! ^= state[0]!;
    state[3]! ^= state[1]!;
    state[1]! ^= state[2]!;
    state[0]! ^= state[3]!;
    state[2]! ^= t;
    state[3] = rotl(state[3]!, 11);
    return result;
  };

  const random: Random = {
    next: () => nextUint32() / 4294967296,
    int: (maxExclusive) => Math.floor((nextUint32() / 4294967296) * maxExclusive),
    normal: () => {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      // Marsaglia's polar method: two normals per accepted pair.
      for (;;) {
        const u = 2 * random.next() - 1;
        const v = 2 * random.next() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const factor = Math.sqrt((-2 * Math.log(s)) / s);
          spareNormal = v * factor;
          return u * factor;
        }
      }
    },
    fork: () => createRandom(nextUint32()),
  };
  return random;
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = tmp;
  }
  return copy;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

// splitmix32 spreads any integer seed over the four state words; an all-zero state would be stuck.
function seedState(seed: number): Uint32Array {
  const state = new Uint32Array(4);
  let z = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
    state[i] = (t ^ (t >>> 16)) >>> 0;
  }
  if (state.every((word) => word === 0)) state[0] = 1;
  return state;
}
