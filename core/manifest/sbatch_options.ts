/**
 * The options sbatch takes, to catch a misspelt `--sbatch` option when the
 * manifest is written (in CI) rather than when the script is submitted on
 * the cluster, where sbatch stops with "unrecognized option". Slurm adds
 * options over time and a cluster may run a newer one than this list knows,
 * so an unknown option is a warning, never a refusal.
 *
 * @module
 */

import { suggest } from "../suggest.ts";

/**
 * sbatch's long options, Slurm 20.11 to 24.11 (`sbatch --help` of each; a
 * newer Slurm may have more).
 */
const LONG = (
  "account acctg-freq array batch bb bbf begin chdir cluster-constraint clusters comment " +
  "constraint container container-id contiguous core-spec cores-per-socket cpu-freq " +
  "cpus-per-gpu cpus-per-task deadline delay-boot dependency distribution error exclude " +
  "exclusive export export-file extra extra-node-info get-user-env gid gpu-bind gpu-freq gpus " +
  "gpus-per-node gpus-per-socket gpus-per-task gres gres-flags help hint hold ignore-pbs input " +
  "job-name kill-on-invalid-dep licenses mail-type mail-user mcs-label mem mem-bind mem-per-cpu " +
  "mem-per-gpu mincpus network nice no-kill no-requeue nodefile nodelist nodes ntasks " +
  "ntasks-per-core ntasks-per-gpu ntasks-per-node ntasks-per-socket oom-kill-step open-mode " +
  "output overcommit oversubscribe parsable partition power prefer priority profile propagate " +
  "qos quiet reboot requeue reservation segment signal sockets-per-node spread-job switches " +
  "test-only thread-spec threads-per-core time time-min tmp tres-bind tres-per-task uid usage " +
  "use-min-nodes verbose version wait wait-all-nodes wckey wrap"
).split(" ");

/** sbatch's one-letter options. */
const SHORT = new Set("aAbBcCdDeFGhHiJkLmMnNoOpqQsStvVwWx".split(""));

/**
 * A warning for an `--sbatch` option that no sbatch this list knows takes
 * (neither one of its long options nor an abbreviation of exactly one, which
 * sbatch accepts), with the options it is spelt near; undefined for a known
 * one. `extra` is the option as given (`account=ml`, `--qos high`, `-p gpu`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unknownSbatchOption } from "./sbatch_options.ts";
 * assert.equal(unknownSbatchOption("--account=ml"), undefined);
 * assert.equal(unknownSbatchOption("accou=ml"), undefined, "sbatch takes a unique abbreviation");
 * assert.match(unknownSbatchOption("acc=ml")!, /short for more than one/);
 * assert.equal(unknownSbatchOption("-p gpu"), undefined);
 * assert.match(unknownSbatchOption("--acount=ml")!, /Did you mean --account\?/);
 * ```
 */
export function unknownSbatchOption(extra: string): string | undefined {
  const option = extra.trim().startsWith("-") ? extra.trim() : `--${extra.trim()}`;
  const short = /^-([^-])/.exec(option);
  if (short) {
    if (SHORT.has(short[1])) return undefined;
    return `--sbatch ${JSON.stringify(extra)}: sbatch has no option -${short[1]}` +
      "; the script will not submit unless your Slurm added it";
  }
  const name = /^--([^=\s]*)/.exec(option)![1];
  if (LONG.includes(name) || LONG.filter((o) => o.startsWith(name)).length === 1) return undefined;
  const near = suggest(name, LONG).map((o) => `--${o}`);
  const hint = near.length === 0
    ? ""
    : near.length === 1
    ? ` Did you mean ${near[0]}?`
    : ` Did you mean one of: ${near.join(", ")}?`;
  const which = LONG.some((o) => o.startsWith(name)) && name !== ""
    ? `--${name} is short for more than one sbatch option`
    : `sbatch (Slurm 20.11-24.11) has no option --${name}`;
  return `--sbatch ${JSON.stringify(extra)}: ${which}; sbatch refuses the script unless your ` +
    `Slurm has one of that name.${hint}`;
}
