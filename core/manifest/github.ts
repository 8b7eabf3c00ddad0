/**
 * A sweep as GitHub Actions matrices: `{"include": [{"index": 0}, ...]}` for
 * `fromJSON`, holding job indices only (job outputs are limited in size), in
 * chunks of at most 256 (GitHub's limit per matrix), and a workflow that
 * fans every chunk out to `strata run --job-index ${{ matrix.index }}`.
 *
 * @module
 */

import { stringify } from "npm:yaml@2.9.1";
import { runArgv, type RunSpec, shJoin } from "./command.ts";
import type { Manifest, ManifestFile, Resources } from "./types.ts";
import { slurmTimeSeconds } from "./units.ts";

/** "A matrix will generate a maximum of 256 jobs per workflow run." */
export const MATRIX_MAX_JOBS = 256;
/** What one plan job may output in all (GitHub allows 1 MB per job). */
const OUTPUTS_BUDGET = 1_000_000;

/** Settings of {@link githubManifest}. */
export interface GithubOptions extends Resources {
  /** The workflow's name. */
  name: string;
  /** The output directory as the workflow's checkout sees it (relative to the repository). */
  dir: string;
  /**
   * The runner labels of the jobs that run the sweep (`runs-on`), e.g.
   * `["self-hosted", "gpu"]`; default `ubuntu-latest`. The plan jobs, which
   * only read the matrices, run on `ubuntu-latest`.
   */
  runsOn?: string[];
}

const pad = (n: number) => String(n).padStart(3, "0");

/** `runs-on`: one label as a string, several as a list (every one must match). */
function runsOn(labels: string[] | undefined): string | string[] {
  if (labels === undefined || labels.length === 0) return "ubuntu-latest";
  return labels.length === 1 ? labels[0] : labels;
}

/**
 * The `fromJSON` matrix of jobs `start` to `end - 1`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matrixJson } from "./github.ts";
 * assert.equal(matrixJson(3, 5), '{"include":[{"index":3},{"index":4}]}');
 * ```
 */
export function matrixJson(start: number, end: number): string {
  const items: string[] = [];
  for (let i = start; i < end; i++) items.push(`{"index":${i}}`);
  return `{"include":[${items.join(",")}]}`;
}

/** Chunk ids grouped so that no plan job outputs more than GitHub allows. */
function planGroups(chunks: ManifestFile[]): string[][] {
  const groups: string[][] = [[]];
  let bytes = 0;
  chunks.forEach((chunk, i) => {
    const size = chunk.text.length + 8;
    if (bytes > 0 && bytes + size > OUTPUTS_BUDGET) {
      groups.push([]);
      bytes = 0;
    }
    groups[groups.length - 1].push(pad(i));
    bytes += size;
  });
  return groups;
}

function workflow(count: number, chunks: ManifestFile[], run: RunSpec, opts: GithubOptions) {
  const groups = planGroups(chunks);
  const jobs: Record<string, unknown> = {};
  const planOf = new Map<string, string>();
  groups.forEach((ids, g) => {
    const plan = groups.length === 1 ? "plan" : `plan_${g}`;
    for (const id of ids) planOf.set(id, plan);
    jobs[plan] = {
      "runs-on": "ubuntu-latest",
      outputs: Object.fromEntries(ids.map((id) => [`m${id}`, `\${{ steps.read.outputs.m${id} }}`])),
      steps: [
        { uses: "actions/checkout@v4" },
        {
          id: "read",
          run: `for i in ${ids.join(" ")}; do\n` +
            `  echo "m$i=$(cat ${shJoin([opts.dir])}/matrix_$i.json)" >> "$GITHUB_OUTPUT"\ndone\n`,
        },
      ],
    };
  });
  const { head, tail } = runArgv(run);
  // With --parallel, chunks run one after another so that at most P jobs run at once.
  const chained = opts.parallel !== undefined && chunks.length > 1;
  chunks.forEach((_, i) => {
    const id = pad(i);
    const plan = planOf.get(id)!;
    const needs = chained && i > 0 ? [plan, `run_${pad(i - 1)}`] : [plan];
    jobs[`run_${id}`] = {
      needs,
      ...(chained && i > 0
        ? { if: `\${{ !cancelled() && needs.${plan}.result == 'success' }}` }
        : {}),
      "runs-on": runsOn(opts.runsOn),
      ...(opts.time ? { "timeout-minutes": Math.ceil(slurmTimeSeconds(opts.time) / 60) } : {}),
      strategy: {
        "fail-fast": false,
        ...(opts.parallel ? { "max-parallel": opts.parallel } : {}),
        matrix: `\${{ fromJSON(needs.${plan}.outputs.m${id}) }}`,
      },
      steps: [
        { uses: "actions/checkout@v4" },
        { run: `${shJoin(head)} \${{ matrix.index }} ${shJoin(tail)}` },
      ],
    };
  });
  const header = [
    `# strata sweep ${opts.name}: ${count} jobs in ${chunks.length} matrix chunk(s) of at most`,
    `# ${MATRIX_MAX_JOBS} jobs (GitHub's limit per matrix), read from ${opts.dir}/matrix_NNN.json.`,
    "# Commit that directory; copy this file to .github/workflows/.",
  ];
  return header.join("\n") + "\n" +
    stringify({ name: `strata sweep ${opts.name}`, on: { workflow_dispatch: {} }, jobs }, {
      lineWidth: 0,
    });
}

/**
 * The sweep as GitHub Actions matrix chunks (`matrix_000.json`, ...) and
 * `workflow.yml`. A sweep of at most 256 jobs is one matrix, which stdout
 * can take.
 *
 * @throws {StrataError} `usage` for a malformed `--time`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { githubManifest } from "./github.ts";
 * const run = {
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["seed=range(300)"], command: ["./train"],
 * };
 * const m = githubManifest(300, run, { name: "sw", dir: "sweep" });
 * assert.deepEqual(m.files.map((f) => f.name), ["matrix_000.json", "matrix_001.json", "workflow.yml"]);
 * assert.equal(JSON.parse(m.files[1].text).include.length, 44);
 * assert.equal(m.single, undefined);
 * ```
 */
export function githubManifest(count: number, run: RunSpec, opts: GithubOptions): Manifest {
  const chunks: ManifestFile[] = [];
  const summary = [`jobs: ${count}`];
  for (let start = 0; start < count; start += MATRIX_MAX_JOBS) {
    const end = Math.min(count, start + MATRIX_MAX_JOBS);
    const name = `matrix_${pad(chunks.length)}.json`;
    chunks.push({ name, text: matrixJson(start, end) + "\n" });
    summary.push(`${name}: jobs ${start}-${end - 1}`);
  }
  summary.splice(
    1,
    0,
    `matrices: ${chunks.length} (at most ${MATRIX_MAX_JOBS} jobs each: GitHub's limit)`,
  );
  const files = [...chunks, { name: "workflow.yml", text: workflow(count, chunks, run, opts) }];
  return { files, single: chunks.length === 1 ? chunks[0].text : undefined, summary };
}
