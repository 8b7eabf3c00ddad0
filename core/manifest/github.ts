/**
 * A sweep as GitHub Actions matrices: `{"include": [{"index": 0,
 * "overrides": [...]}, ...]}` for `fromJSON` (each job's override list as the
 * sweep expanded when the manifest was written), in chunks of at most 256 jobs
 * (GitHub's limit per matrix) and under 1 MB (its limit on a job's outputs),
 * and a workflow that installs strata and fans every chunk out to
 * `strata run --job-index ${{ matrix.index }} --job-overrides ...`.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { join, normalize } from "../path.ts";
import { MAX_ARG_BYTES, runArgv, type RunSpec, shQuote } from "./command.ts";
import type { JobSource, Manifest, ManifestFile, Resources } from "./types.ts";
import { slurmTimeSeconds } from "./units.ts";
import { stringifyQuoted } from "./yaml_quote.ts";

/** "A matrix will generate a maximum of 256 jobs per workflow run." */
export const MATRIX_MAX_JOBS = 256;
/** What one plan job may output in all (GitHub allows 1 MB per job). */
const OUTPUTS_BUDGET = 1_000_000;
/**
 * What all the plan jobs may output together: "The total of all outputs in a
 * workflow run can be a maximum of 50 MB"; past it GitHub cancels the run.
 */
const RUN_OUTPUTS_BUDGET = 50_000_000;
/**
 * "A check suite can have a maximum of 50,000 check runs": every job of a
 * workflow run (each matrix job, each plan job) is one; past it GitHub
 * creates no more.
 */
const RUN_MAX_CHECK_RUNS = 50_000;
/** "A workflow file larger than 500 KB will not start runs." */
const WORKFLOW_MAX_BYTES = 500_000;
/** The action that puts strata on the runner's PATH (README, "strata in CI"). */
export const STRATA_ACTION = "OWNER/strata@v0.1.0";

/** Settings of {@link githubManifest}. */
export interface GithubOptions extends Resources {
  /** The workflow's name. */
  name: string;
  /** The output directory, relative to the directory the sweep was written from. */
  dir: string;
  /**
   * That directory relative to the repository's root, when it is not the
   * root: the workflow's `run` steps start there, so that the output dir,
   * the config dir and the program resolve as they did for `strata sweep`.
   */
  workDir?: string;
  /**
   * The runner labels of the jobs that run the sweep (`runs-on`), e.g.
   * `["self-hosted", "gpu"]`; default `ubuntu-latest`. The plan jobs, which
   * only read the matrices, run on `ubuntu-latest`.
   */
  runsOn?: string[];
  /**
   * The sweep dir the jobs write their run dirs into (`hydra.sweep.dir`, resolved with the
   * workflow's `--now`), relative to the output's working directory: each job uploads it.
   */
  sweepDir?: string;
  /**
   * The action that puts strata on the runners (`owner/strata@v0.1.0`);
   * default {@link STRATA_ACTION}, a placeholder to replace.
   */
  strataAction?: string;
  /**
   * How the runners call strata (`--strata-cmd`), when the user said so: the
   * runners have it, so no job installs it (`strata` on their PATH too).
   */
  strataCmd?: string[];
}

const utf8 = new TextEncoder();
const pad = (n: number) => String(n).padStart(3, "0");

/** `runs-on`: one label as a string, several as a list (every one must match). */
function runsOn(labels: string[] | undefined): string | string[] {
  if (labels === undefined || labels.length === 0) return "ubuntu-latest";
  return labels.length === 1 ? labels[0] : labels;
}

/**
 * One job's entry of a `fromJSON` matrix.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matrixEntry } from "./github.ts";
 * assert.equal(matrixEntry(3, ["a=1"]), '{"index":3,"overrides":["a=1"]}');
 * ```
 */
export function matrixEntry(index: number, overrides: readonly string[]): string {
  return `{"index":${index},"overrides":${JSON.stringify(overrides)}}`;
}

/**
 * Words joined for the shell of a workflow's `run:`, which GitHub reads as a
 * template first: every `${{` there opens an expression, even inside shell
 * quotes. A word holding one (an override, the user's command) is cut in two
 * shell-quoted halves between `$` and `{{`, which the shell joins back into
 * the same word, so GitHub never sees user text as an expression.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ghShJoin } from "./github.ts";
 * assert.equal(ghShJoin(["echo", "${{ secrets.X }}"]), "echo '$''{{ secrets.X }}'");
 * assert.equal(ghShJoin(["a\n${{b"]), "$'a\\n$'$'{{b'");
 * ```
 */
export function ghShJoin(words: readonly string[]): string {
  return words.map((word) => {
    const quoted = shQuote(word);
    // A word with `${{` is never bare; `$'...'` keeps its escapes in each half.
    const cut = quoted.startsWith("$'") ? "$'$'{{" : "$''{{";
    // A function: in a replacement string `$'` would mean "the text after the match".
    return quoted.replaceAll("${{", () => cut);
  }).join(" ");
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

function workflow(
  count: number,
  chunks: ManifestFile[],
  run: RunSpec,
  opts: GithubOptions,
  spilled: boolean,
) {
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
            `  echo "m$i=$(cat ${
              ghShJoin([opts.dir])
            }/matrix_$i.json)" >> "$GITHUB_OUTPUT"\ndone\n`,
        },
      ],
    };
  });
  const { head, tail } = runArgv(run);
  // strata as the action installs it, unless --strata-cmd says how the runners have it (even
  // as plain `strata`: on their PATH already)
  const install = opts.strataCmd === undefined && run.strata.length === 1 &&
    run.strata[0] === "strata";
  const action = opts.strataAction ?? STRATA_ACTION;
  // With --parallel, chunks run one after another so that at most P jobs run at once.
  const chained = opts.parallel !== undefined && chunks.length > 1;
  const timeout = opts.time ? slurmTimeSeconds(opts.time) : 0;
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
      // SLURM's 0 is no limit; GitHub's timeout-minutes must be positive (default 360)
      ...(timeout ? { "timeout-minutes": Math.ceil(timeout / 60) } : {}),
      strategy: {
        "fail-fast": false,
        ...(opts.parallel ? { "max-parallel": opts.parallel } : {}),
        matrix: `\${{ fromJSON(needs.${plan}.outputs.m${id}) }}`,
      },
      steps: [
        { uses: "actions/checkout@v4" },
        ...(install ? [{ uses: action, with: { "install-only": "true" } }] : []),
        spilled
          ? {
            // An entry with an overrides_file: its overrides were too long for one argument.
            env: {
              STRATA_JOB: "${{ toJSON(matrix.overrides) }}",
              STRATA_JOB_FILE: "${{ matrix.overrides_file }}",
            },
            run: `${ghShJoin(head)} \${{ matrix.index }} ` +
              `--job-overrides "\${STRATA_JOB_FILE:+@}\${STRATA_JOB_FILE:-$STRATA_JOB}" ${
                ghShJoin(tail)
              }`,
          }
          : {
            // Through the environment: an expression pasted into the script would be shell code.
            env: { STRATA_JOB: "${{ toJSON(matrix.overrides) }}" },
            run: `${ghShJoin(head)} \${{ matrix.index }} --job-overrides "$STRATA_JOB" ${
              ghShJoin(tail)
            }`,
          },
        ...(opts.sweepDir === undefined ? [] : [upload(opts.sweepDir, opts.workDir)]),
      ],
    };
  });
  const header = [
    `# strata sweep ${opts.name}: ${count} jobs in ${chunks.length} matrix chunk(s) of at most`,
    `# ${MATRIX_MAX_JOBS} jobs (GitHub's limit per matrix), read from ${opts.dir}/matrix_NNN.json` +
    (opts.workDir ? ` (from ${opts.workDir}/).` : "."),
    "# Commit that directory; copy this file to .github/workflows/.",
    ...(opts.sweepDir === undefined ? [] : [
      `# Each job uploads its run dir (under ${opts.sweepDir}) as the artifact job-INDEX.`,
    ]),
    ...(install ? [`# strata comes from the action ${action} (README: strata in CI).`] : []),
  ];
  return header.join("\n") + "\n" +
    stringifyQuoted({
      name: `strata sweep ${opts.name}`,
      on: { workflow_dispatch: {} },
      ...(opts.workDir ? { defaults: { run: { "working-directory": opts.workDir } } } : {}),
      jobs,
    });
}

/**
 * The step that keeps a job's run dir: a runner's disk goes with it, so each job uploads the
 * sweep dir it wrote into (its own job dir only: the others ran elsewhere) as the artifact
 * `job-INDEX`, after a failure too (its log says why), replacing an earlier attempt's (a re-run
 * of the failed jobs is the same workflow run). `uses` steps start at the checkout's root,
 * not at `working-directory`: the path is the root's.
 */
function upload(sweepDir: string, workDir: string | undefined) {
  // `./out` (a sweep dir under hydra.runtime.cwd, the runner's working directory) is `out`
  const path = sweepDir.startsWith("/") ? sweepDir : normalize(join(workDir ?? ".", sweepDir));
  return {
    if: "${{ !cancelled() }}",
    uses: "actions/upload-artifact@v4",
    // "Re-run failed jobs" is the same workflow run: its artifact replaces the failed
    // attempt's (without overwrite, upload-artifact@v4 refuses the name: 409, checker v33)
    with: {
      name: "job-${{ matrix.index }}",
      path,
      "if-no-files-found": "warn",
      overwrite: true,
    },
  };
}

/**
 * The sweep as GitHub Actions matrix chunks (`matrix_000.json`, ...) and
 * `workflow.yml`. A sweep that fits one matrix can go to stdout. A job's
 * overrides too long for one argument ({@link MAX_ARG_BYTES}) go to
 * `job_<index>.json`, which its entry names (`overrides_file`).
 *
 * @throws {StrataError} `usage` for a malformed `--time`, or a job whose
 *   overrides alone exceed what a plan job may output.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { githubManifest } from "./github.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["seed=range(300)"] }), null, null);
 * const run = {
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["seed=range(300)"], command: ["./train"],
 * };
 * const m = githubManifest(jobs, run, { name: "sw", dir: "sweep" });
 * assert.deepEqual(m.files.map((f) => f.name), ["matrix_000.json", "matrix_001.json", "workflow.yml"]);
 * assert.deepEqual(JSON.parse(m.files[1].text).include[0], { index: 256, overrides: ["seed=256"] });
 * assert.equal(m.single, undefined);
 * ```
 */
export function githubManifest(source: JobSource, run: RunSpec, opts: GithubOptions): Manifest {
  const chunks: ManifestFile[] = [];
  const summary = [`jobs: ${source.count}`];
  let items: string[] = [];
  let bytes = 0;
  let start = 0;
  const flush = () => {
    const name = `matrix_${pad(chunks.length)}.json`;
    chunks.push({ name, text: `{"include":[${items.join(",")}]}\n` });
    summary.push(`${name}: jobs ${start}-${start + items.length - 1}`);
    start += items.length;
    items = [];
    bytes = 0;
  };
  const budget = OUTPUTS_BUDGET - 64;
  const spilled: ManifestFile[] = [];
  for (const job of source.jobs()) {
    let item = matrixEntry(job.index, job.overrides);
    // As the step gets it: toJSON indents. Too long for one argument, it goes to a file.
    if (utf8.encode(JSON.stringify(job.overrides, null, 2)).length > MAX_ARG_BYTES) {
      const name = `job_${job.index}.json`;
      spilled.push({ name, text: JSON.stringify(job.overrides) + "\n" });
      item = `{"index":${job.index},"overrides_file":${JSON.stringify(`${opts.dir}/${name}`)}}`;
    }
    const size = utf8.encode(item).length + 1;
    if (size > budget) {
      throw new StrataError(
        ErrorCode.Usage,
        `Cannot put job ${job.index} into a GitHub Actions matrix: its overrides take ${size} ` +
          `bytes, over the ${OUTPUTS_BUDGET} bytes a job may output`,
      );
    }
    if (items.length === MATRIX_MAX_JOBS || bytes + size > budget) flush();
    items.push(item);
    bytes += size;
  }
  if (items.length) flush();
  // Every matrix reaches its run job as a plan job's output: all of them
  // together must fit the workflow run's budget, or GitHub cancels the run.
  const total = chunks.reduce((sum, c) => sum + utf8.encode(c.text).length, 0);
  if (total > RUN_OUTPUTS_BUDGET) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot fan ${source.count} jobs out in one GitHub Actions workflow: their matrices take ` +
        `${total} bytes of job outputs, over the ${RUN_OUTPUTS_BUDGET} bytes (50 MB) GitHub ` +
        "allows a workflow run in all: split the sweep into several (fewer jobs or shorter overrides)",
    );
  }
  summary.splice(
    1,
    0,
    `matrices: ${chunks.length} (at most ${MATRIX_MAX_JOBS} jobs each: GitHub's limit)`,
  );
  if (spilled.length) {
    summary.push(
      `job files: ${spilled.length} (overrides over ${MAX_ARG_BYTES} bytes, too long for one ` +
        `argument: --job-overrides @FILE)`,
    );
  }
  const text = workflow(source.count, chunks, run, opts, spilled.length > 0);
  const plans = (text.match(/^ {2}plan(_\d+)?:$/gm) ?? []).length;
  if (source.count + plans > RUN_MAX_CHECK_RUNS) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot fan ${source.count} jobs out in one GitHub Actions workflow: with its ${plans} plan ` +
        `job(s) that is ${
          source.count + plans
        } check runs, over the ${RUN_MAX_CHECK_RUNS} GitHub ` +
        "allows a workflow run (it creates no more): split the sweep into several",
    );
  }
  const size = utf8.encode(text).length;
  if (size > WORKFLOW_MAX_BYTES) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write the GitHub Actions workflow for ${source.count} jobs: it takes ${size} bytes, ` +
        `over the ${WORKFLOW_MAX_BYTES} (500 KB) of a workflow file GitHub starts runs of: split ` +
        "the sweep into several",
    );
  }
  const files = [...chunks, ...spilled, { name: "workflow.yml", text }];
  const single = chunks.length === 1 && !spilled.length ? chunks[0].text : undefined;
  return { files, single, summary };
}
