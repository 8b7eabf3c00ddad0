/**
 * SLURM's spellings of time and memory, converted for the schedulers that
 * spell them otherwise (Kubernetes seconds and quantities, GitHub minutes).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";

/**
 * Seconds in a SLURM time limit: `M`, `M:S`, `H:M:S`, `D-`, `D-H`, `D-H:M`, `D-H:M:S`;
 * 0 for no limit (`0`, and SLURM's `infinite` / `UNLIMITED`, any case).
 *
 * @throws {StrataError} `usage` for anything else.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slurmTimeSeconds } from "./units.ts";
 * assert.equal(slurmTimeSeconds("90"), 5400);
 * assert.equal(slurmTimeSeconds("1:30:00"), 5400);
 * assert.equal(slurmTimeSeconds("1-2"), 93600);
 * assert.equal(slurmTimeSeconds("2-"), 172800);
 * assert.equal(slurmTimeSeconds("UNLIMITED"), 0);
 * ```
 */
export function slurmTimeSeconds(time: string): number {
  if (/^(?:infinite|unlimited)$/i.test(time)) return 0;
  const days = /^(\d+)-$/.exec(time); // `2-`: days alone, as sbatch reads it
  if (days) return Number(days[1]) * 86400;
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(time);
  if (!m) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot read --time '${time}': use SLURM's form, e.g. 90 (minutes), 2:00:00 or 1-12:00:00`,
    );
  }
  const [, d, a, b, c] = m;
  const n = (s?: string) => Number(s ?? 0);
  if (d !== undefined) return n(d) * 86400 + n(a) * 3600 + n(b) * 60 + n(c); // D-H[:M[:S]]
  if (c !== undefined) return n(a) * 3600 + n(b) * 60 + n(c); // H:M:S
  return n(a) * 60 + n(b); // M[:S]
}

/**
 * A SLURM memory size as a Kubernetes quantity (SLURM's units are binary);
 * undefined for SLURM's `0` (all of a node's memory: no request or limit).
 *
 * @throws {StrataError} `usage` for anything but digits and an optional K, M, G or T (and B).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slurmMemQuantity } from "./units.ts";
 * assert.equal(slurmMemQuantity("16G"), "16Gi");
 * assert.equal(slurmMemQuantity("16GB"), "16Gi");
 * assert.equal(slurmMemQuantity("512"), "512Mi");
 * assert.equal(slurmMemQuantity("0"), undefined);
 * ```
 */
export function slurmMemQuantity(mem: string): string | undefined {
  // (`16GB` too: sbatch takes it, and submitit writes its `mem_gb` so: checker x62 #1)
  const m = /^(\d+)(?:([KMGT])B?)?$/i.exec(mem);
  if (!m) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot read --mem '${mem}': use SLURM's form, a number with an optional unit K, M, G or T (16G)`,
    );
  }
  if (Number(m[1]) === 0) return undefined;
  return `${m[1]}${(m[2] ?? "M").toUpperCase()}i`;
}

/**
 * SLURM's `--gpus`, `N` or `TYPE:N`, as its GPU type (null when none is
 * named) and count. A type is a Kubernetes label value too (letters, digits,
 * `-`, `_`, `.`, at most 63, starting and ending with a letter or digit): k8s
 * matches it against the node label `nvidia.com/gpu.product`.
 *
 * @throws {StrataError} `usage` when it names no count, or a type of other characters.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gpuRequest } from "./units.ts";
 * assert.deepEqual(gpuRequest("a100:2"), { type: "a100", count: 2 });
 * assert.deepEqual(gpuRequest("2"), { type: null, count: 2 });
 * assert.throws(() => gpuRequest("a100"), /TYPE:N/);
 * ```
 */
export function gpuRequest(gpus: string): { type: string | null; count: number } {
  const m = /^(?:([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?):)?(\d+)$/.exec(gpus);
  if (!m) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot read --gpus '${gpus}': use N or TYPE:N (TYPE: letters, digits, '-', '_', '.')`,
    );
  }
  return { type: m[1] ?? null, count: Number(m[2]) };
}
