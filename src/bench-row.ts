/**
 * One row a benchmark returns: our figure beside the reference library's, measured in the same
 * run. A leaf module, so that the bench files beside the code in every layer (mqtt, sim, cli)
 * can share it without importing upwards; `npm run bench` (cli/bench.ts) prints the rows.
 */
export interface BenchRow { name: string; ours: number; reference: number; unit: string; lowerIsBetter?: boolean }
