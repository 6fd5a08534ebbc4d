/** What the broker's and the client's steps share in returning their outputs. */
import type { Millis } from '../types';

/** What a step returns. `wakeAtMs` absent = nothing scheduled; otherwise call with 'timeAdvanced' then. */
export interface StepResult<O> {
  outputs: O[];
  wakeAtMs?: Millis;
}

/** Appends an output to a step's list; the first two make exact-sized arrays (see PERFORMANCE.md). */
export function addOutput<T>(ctx: { outputs: T[] }, output: NoInfer<T>): void {
  const outputs = ctx.outputs;
  if (outputs.length === 0) ctx.outputs = [output];
  else if (outputs.length === 1) ctx.outputs = [outputs[0], output];
  else outputs.push(output);
}
