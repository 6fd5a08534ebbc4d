/**
 * The run's one source of chance: a seeded xoroshiro128+ (pure-rand), drawn only by the
 * world, in a fixed order. Its state is a plain number[] so checkpoints can hold it.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Rng {
  private gen: Generator;

  constructor(seedOrState: number | readonly number[]) {
    this.gen = typeof seedOrState === 'number' ? xoroshiro128plus(seedOrState) : xoroshiro128plusFromState(seedOrState);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.gen);
  }

  state(): number[] {
    return [...this.gen.getState()];
  }
}
