import assert from "node:assert/strict";
import { confTree, listFiles, sweepIn } from "./_manifest.ts";
import { assertNoStackTrace, strata } from "./_cli.ts";

const written = (dir: string) => listFiles(dir).filter((f) => !f.startsWith("conf/"));

async function jobs(cwd: string, args: string[] = ["model=small,large", "seed=1,2"]) {
  const r = await strata(["sweep", ...args], { cwd });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

Deno.test("sweep jsonl: index, id, overrides, override_dirname; ids are stable and unique", async () => {
  const dir = confTree();
  const first = await jobs(dir);
  assert.deepEqual(Object.keys(first[0]), ["index", "id", "overrides", "override_dirname"]);
  assert.equal(new Set(first.map((j) => j.id)).size, 4);
  assert.deepEqual(await jobs(dir), first, "the same sweep expanded again");
  // Where the tree lives does not matter; what it holds does.
  const copy = confTree();
  assert.deepEqual((await jobs(copy)).map((j) => j.id), first.map((j) => j.id));
  Deno.writeTextFileSync(`${copy}/conf/model/large.yaml`, "name: large\nlayers: 48\n");
  const changed = await jobs(copy);
  assert.equal(changed.filter((j, i) => j.id === first[i].id).length, 0);
  // A job keeps its id in another sweep that holds it.
  const other = await jobs(dir, ["model=large", "seed=2,3"]);
  assert.equal(other[0].id, first[3].id);
  for (const d of [dir, copy]) Deno.removeSync(d, { recursive: true });
});

Deno.test("sweep --out: jsonl and k8s go to a file, slurm into a directory", async () => {
  const dir = confTree();
  let r = await sweepIn(dir, "-o jobs.jsonl seed=1,2");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(Deno.readTextFileSync(`${dir}/jobs.jsonl`).trim().split("\n").length, 2);
  r = await sweepIn(dir, "-f k8s --image a:1 -o job.yaml seed=1,2 -- x");
  assert.equal(r.code, 0, r.stderr);
  assert.match(Deno.readTextFileSync(`${dir}/job.yaml`), /completions: 2/);
  r = await sweepIn(dir, "-f slurm -o job.yaml seed=1,2 -- x");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Cannot write into 'job.yaml': it is a file/);
  assert.deepEqual(written(dir), ["job.yaml", "jobs.jsonl"]);
  Deno.removeSync(dir, { recursive: true });
});

const BAD: [string, string[], number, RegExp][] = [
  ["an unknown format", ["-f", "yaml", "seed=1,2"], 2, /argument 'yaml' is invalid/],
  [
    "a missing group option",
    ["-f", "slurm", "-o", "s", "model=small,huge", "--", "x"],
    1,
    /Could not find 'model\/huge'/,
  ],
  [
    "a missing group option (jsonl)",
    ["-o", "j.jsonl", "model=small,huge"],
    1,
    /Could not find 'model\/huge'/,
  ],
  [
    "an unresolvable hydra.sweep.dir",
    ["-f", "slurm", "-o", "s", "seed=1,2", "hydra.sweep.dir=out/${nope}", "--", "x"],
    1,
    /override #2 'hydra\.sweep\.dir=out\/\$\{nope\}': Interpolation key 'nope' not found\n\s+full key: hydra\.sweep\.dir/,
  ],
  [
    "k8s without an image",
    ["-f", "k8s", "-o", "k.yaml", "seed=1,2", "--", "x"],
    2,
    /without an image: give --image/,
  ],
  [
    "--out into a missing directory",
    ["-o", "no/such/j.jsonl", "seed=1,2"],
    2,
    /directory 'no\/such' does not exist/,
  ],
  [
    "--out (a directory) under a missing one",
    ["-f", "github", "-o", "no/gh", "seed=1,2", "--", "x"],
    2,
    /'no' does not exist/,
  ],
  [
    "a scheduler format without CMD",
    ["-f", "k8s", "--image", "a", "seed=1,2"],
    2,
    /needs the command each job runs/,
  ],
  ["CMD for jsonl", ["seed=1,2", "--", "x"], 2, /-- CMD is for --format slurm, k8s, github/],
  [
    "a flag of another format",
    ["-f", "slurm", "--image", "a", "seed=1", "--", "x"],
    2,
    /--image is for --format k8s, not slurm/,
  ],
  [
    "a malformed --time",
    ["-f", "slurm", "--time", "soon", "seed=1", "--", "x"],
    2,
    /Cannot read --time 'soon'/,
  ],
  [
    "a malformed --mem",
    ["-f", "k8s", "--image", "a", "--mem", "1GiB", "seed=1", "--", "x"],
    2,
    /Cannot read --mem '1GiB'/,
  ],
  [
    "a zero --parallel",
    ["-f", "slurm", "--parallel", "0", "seed=1", "--", "x"],
    2,
    /expected an integer ≥ 1/,
  ],
];

for (const [what, args, code, message] of BAD) {
  Deno.test(`sweep: ${what} is a clear error, exit ${code}, nothing written`, async () => {
    const dir = confTree();
    const r = await strata(["sweep", ...args], { cwd: dir });
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, "");
    assertNoStackTrace(r.stderr);
    assert.deepEqual(written(dir), []);
    Deno.removeSync(dir, { recursive: true });
  });
}

Deno.test("sweep jsonl on stdout: a validated sweep of many chunks comes out whole and in order", async () => {
  // Validated output is held until every job composed; it is produced in
  // chunks of a reused 64 KB buffer, so 3,000 jobs (~400 KB) span several.
  const dir = confTree();
  const lines = await jobs(dir, ["model=small,large", "seed=range(0,1500)"]);
  assert.equal(lines.length, 3000);
  assert.deepEqual(lines.map((j) => j.index), [...Array(3000).keys()]);
  assert.deepEqual(lines[2999].overrides, ["model=large", "seed=1499"]);
  // the same jobs written by the unvalidated (streamed) path
  const streamed = await jobs(dir, ["--no-validate", "model=small,large", "seed=range(0,1500)"]);
  assert.deepEqual(lines, streamed);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -o - and -o /dev/stdout write to stdout; a device strata cannot reach says so", async () => {
  const dir = confTree();
  const plain = await sweepIn(dir, "seed=1,2");
  for (const out of ["-", "/dev/stdout"]) {
    const r = await sweepIn(dir, `seed=1,2 -o ${out}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
  }
  assert.equal(listFiles(dir).includes("-"), false, "no file named '-'");
  const dev = await sweepIn(dir, "seed=1,2 -o /dev/null");
  assert.equal(dev.code, 2);
  assert.match(
    dev.stderr,
    /Cannot write the file '\/dev\/null': off limits \(strata does not touch devices, \/proc or \/sys\)/,
  );
  assert.doesNotMatch(dev.stderr, /does not exist/);
  Deno.removeSync(dir, { recursive: true });
});
