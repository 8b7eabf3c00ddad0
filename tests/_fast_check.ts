/**
 * fast-check for strata's tests, with one seed for every property: a run is
 * reproducible, so CI does not go red by chance and a failure replays exactly.
 * `FC_SEED=random deno task test` explores new cases; `FC_SEED=<n>` replays a run
 * (fast-check prints the seed of a failure).
 *
 * @module
 */

import fc from "fast-check";

const seed = Deno.env.get("FC_SEED");
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261128 });

export default fc;
