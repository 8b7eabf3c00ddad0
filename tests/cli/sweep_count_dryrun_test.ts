/**
 * `sweep --count` with options that would write something, and `--dry-run`
 * of a manifest that needs a directory, as a user meets them.
 */
import assert from "node:assert/strict";
import { confTree, listFiles, sweepIn } from "./_manifest.ts";
import { assertNoStackTrace } from "./_cli.ts";

const written = (dir: string) => listFiles(dir).filter((f) => !f.startsWith("conf/"));

Deno.test("sweep --count: --out, --dry-run or a scheduler --format are refused, exit 2, nothing written", async () => {
  const dir = confTree();
  const refused: [string, RegExp][] = [
    ["--count -o jobs.sbatch -f slurm seed=1,2", /--count and --out cannot be used together/],
    ["--count -o jobs.jsonl seed=1,2", /--count and --out cannot be used together/],
    ["--count -f slurm seed=1,2", /--count and --format slurm cannot be used together/],
    ["--count -f k8s --image a:1 seed=1,2 -- x", /--count and --format k8s cannot/],
    ["--count -f github seed=1,2 -- x", /--count and --format github cannot/],
    ["--count --dry-run seed=1,2", /--count and --dry-run cannot be used together/],
  ];
  for (const [args, message] of refused) {
    const r = await sweepIn(dir, args);
    assert.equal(r.code, 2, `${args}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, "", args);
    assert.match(r.stderr, message, args);
    assertNoStackTrace(r.stderr);
  }
  assert.deepEqual(written(dir), []);
  // What --count is for still works, on stdout (`-o -` is stdout), for either plain format.
  for (const args of ["--count seed=1,2", "--count -f text seed=1,2", "--count -o - seed=1,2"]) {
    const r = await sweepIn(dir, args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "2\n");
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep --dry-run: a manifest of several files is described without --out", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f slurm --max-array-size 2 --dry-run seed=range(5) -- ./train");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "jobs: 5",
    "arrays: 3 (MaxArraySize 2, from --max-array-size)",
    "array_000.sbatch: jobs 0-1 (--array=0-1)",
    "array_001.sbatch: jobs 2-3 (--array=0-1)",
    "array_002.sbatch: jobs 4-4 (--array=0-0)",
    "would write (with --out DIR: 4 files):",
    "  DIR/array_000.sbatch",
    "  DIR/array_001.sbatch",
    "  DIR/array_002.sbatch",
    "  DIR/submit.sh",
  ]);
  const github = await sweepIn(dir, "-f github --dry-run seed=range(300) -- ./train");
  assert.equal(github.code, 0, github.stderr);
  assert.match(github.stdout, /^matrices: 2 /m);
  assert.match(github.stdout, /^ {2}DIR\/workflow\.yml$/m);
  assert.deepEqual(written(dir), []);
  // Writing it still needs the directory.
  const write = await sweepIn(dir, "-f slurm --max-array-size 2 seed=range(5) -- ./train");
  assert.equal(write.code, 2);
  assert.match(write.stderr, /give --out DIR/);
  assert.deepEqual(written(dir), []);
  Deno.removeSync(dir, { recursive: true });
});
