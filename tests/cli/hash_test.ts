import assert from "node:assert/strict";
import { SHORT_HASH_LENGTH } from "../../core/hash.ts";
import { composedConfigHash } from "../../core/run/config_hash.ts";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

/** One file; its canonical JSON and hash were computed with Python (README, "strata hash"). */
const ONE_FILE = `model:
  name: gpt2
  layers: 12
  dropout: 0.1
optimizer:
  lr: 0.001
  betas: [0.9, 0.999]
name: run-\${model.name}
tags: [a, "b c"]
note: "h\u00e9llo"
empty: {}
nothing: null
flag: true
`;
const CANONICAL =
  '{"empty":{},"flag":true,"model":{"dropout":0.1,"layers":12,"name":"gpt2"},"name":"run-gpt2",' +
  '"note":"héllo","nothing":null,"optimizer":{"betas":[0.9,0.999],"lr":0.001},"tags":["a","b c"]}';
const EXPECTED = "0fde141fea0c2068ac48873945873e71993c089fe98cc6bb296a8d1c3ca4d252";

/** The same config split over groups, keys reordered, other quoting and number spellings, comments. */
const SPLIT = {
  "conf/config.yaml": `# the same run, another layout
defaults:
  - model: gpt2
  - optimizer: adam
  - _self_
flag: yes
tags: ['a', 'b c']
nothing: ~
note: héllo
name: 'run-\${model.name}'
empty: {}
`,
  "conf/model/gpt2.yaml": "dropout: 1.0e-1\nname: 'gpt2'\nlayers: 12 # int\n",
  "conf/optimizer/adam.yaml": "betas:\n  - 0.9\n  - 9.99e-1\nlr: 1e-3\n",
};

async function hashOf(files: Record<string, string>, ...args: string[]): Promise<string> {
  const dir = await writeTree(files);
  const r = await strata(["hash", "-d", "conf", ...args], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^[0-9a-f]{64}\n$/);
  return r.stdout.trim();
}

Deno.test("strata hash: the documented canonical form and its fixed SHA-256", async () => {
  const dir = await writeTree({ "conf/config.yaml": ONE_FILE });
  const canonical = await strata(["hash", "-d", "conf", "--canonical"], { cwd: dir });
  assert.equal(canonical.stdout, CANONICAL);
  assert.equal(await hashOf({ "conf/config.yaml": ONE_FILE }), EXPECTED);
  const short = await strata(["hash", "-d", "conf", "--short"], { cwd: dir });
  assert.equal(short.stdout, EXPECTED.slice(0, 12) + "\n");
});

Deno.test("strata hash: stable under file splitting, key order, quoting and comments", async () => {
  assert.equal(await hashOf(SPLIT), EXPECTED);
});

Deno.test("strata hash: int 1 and float 1.0 differ, and so does any changed value", async () => {
  const float = ONE_FILE.replace("layers: 12", "layers: 12.0");
  const changed = ONE_FILE.replace("dropout: 0.1", "dropout: 0.2");
  const hashes = [
    await hashOf({ "conf/config.yaml": float }),
    await hashOf({ "conf/config.yaml": changed }),
    await hashOf({ "conf/config.yaml": ONE_FILE }, "model.layers=12.0"),
    await hashOf(SPLIT, "note=hello"),
  ];
  assert.equal(hashes[0], hashes[2]); // the same float, from a file or an override
  assert.equal(new Set([EXPECTED, ...hashes]).size, 4);
});

Deno.test("hash --help names the short hash's real length", async () => {
  const { code, stdout } = await strata(["hash", "--help"]);
  assert.equal(code, 0);
  assert.match(stdout, new RegExp(`print the first ${SHORT_HASH_LENGTH} hex digits`));
});

Deno.test("hash --short --canonical: usage error (exit 2), not one of them silently", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  const r = await strata(["hash", "-d", "conf", "--short", "--canonical"], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /--canonical.*cannot be used with.*--short/);
});

Deno.test("composedConfigHash (engine.ts) is what strata hash prints, ${hydra:job.name} included", async () => {
  const dir = await writeTree({
    "conf/train.yaml": "job: ${hydra:job.name}\nlr: 0.1\n",
  });
  const cli = await strata(["hash", "-d", "conf", "-n", "train", "lr=0.2"], { cwd: dir });
  assert.equal(cli.code, 0, cli.stderr);
  const lib = composedConfigHash({
    configDir: `${dir}/conf`,
    configName: "train",
    overrides: ["lr=0.2"],
  });
  assert.equal(lib + "\n", cli.stdout);
});

Deno.test("strata hash is the STRATA_CONFIG_HASH run gives, where the config reads hydra.mode, output_dir and hydra overrides", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "out: ${hydra:runtime.output_dir}\nmode: ${hydra:mode}\n" +
      "hov: ${hydra:overrides.hydra}\nlr: 0.1\n",
  });
  const args = ["-d", "conf", "hydra.run.dir=r", "lr=0.2"];
  const run = await strata(["run", ...args, "--job-name", "config", "--", "true"], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const ran = Deno.readTextFileSync(`${dir}/r/.strata/config_hash`).trim();
  const cli = await strata(["hash", ...args], { cwd: dir });
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout, ran + "\n");
  const canonical = await strata(["hash", ...args, "--canonical"], { cwd: dir });
  assert.match(canonical.stdout, /"mode":"RUN"/);
  assert.match(canonical.stdout, /"out":"[^"]*\/r"/);
  const cwd = Deno.cwd();
  Deno.chdir(dir); // relative run dirs are under the current directory, as for run
  try {
    assert.equal(
      composedConfigHash({
        configDir: `${dir}/conf`,
        configName: "config",
        overrides: ["hydra.run.dir=r", "lr=0.2"],
      }),
      ran,
    );
  } finally {
    Deno.chdir(cwd);
  }
});

Deno.test("strata hash is run's STRATA_CONFIG_HASH under hydra.mode: MULTIRUN (a one-job sweep: job 0, its sweep dir)", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "hydra:\n  mode: MULTIRUN\n  sweep:\n    dir: sw\n" +
      "num: ${hydra:job.num}\nout: ${hydra:runtime.output_dir}\nmode: ${hydra:mode}\nlr: 0.1\n",
  });
  const args = ["-d", "conf", "lr=0.2"];
  const run = await strata(["run", ...args, "--job-name", "config", "--", "true"], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const ran = Deno.readTextFileSync(`${dir}/sw/0/.strata/config_hash`).trim();
  const cli = await strata(["hash", ...args], { cwd: dir });
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout, ran + "\n");
  const canonical = await strata(["hash", ...args, "--canonical"], { cwd: dir });
  assert.match(canonical.stdout, /"num":0,"out":"[^"]*\/sw\/0"/);
  // a sweep of two jobs has no one hash: bad usage, not "add --multirun"
  const two = await strata(["hash", "-d", "conf", "lr=1,2"], { cwd: dir });
  assert.equal(two.code, 2);
  assert.equal(two.stdout, "");
  assert.match(
    two.stderr,
    /^conf\/config\.yaml:2:9: hydra\.mode is MULTIRUN and its sweep \(the overrides, hydra\.sweeper\.params\) has 2 jobs: one config is one job's/,
  );
});

Deno.test("hash --now: a config that reads the clock hashes as a run at that time got it", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "name: run_${now:%Y-%m-%d_%H-%M-%S}\nx: 1\n");
  try {
    const now = "2026-12-04T03:12:34";
    const run = await strata(["run", "-q", "--now", now, "hydra.run.dir=r1", "--", "true"], {
      cwd: dir,
    });
    assert.equal(run.code, 0, run.stderr);
    const recorded = Deno.readTextFileSync(`${dir}/r1/.strata/config_hash`).trim();
    const h = await strata(["hash", "--now", now], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    assert.equal(h.stdout.trim(), recorded);
    assert.equal(h.stderr, "");
    // without --now the hash is the current second's: said (graphium's checkpoint path)
    const clock = await strata(["hash"], { cwd: dir });
    assert.equal(clock.code, 0, clock.stderr);
    assert.equal(
      clock.stderr,
      "note: name reads the clock (a ${now:...} in its value or in one it reads, such as a dated " +
        "run dir): the hash changes with the time it is taken at; --now gives the time it formats\n",
    );
    const canonical = await strata(["hash", "--now", now, "--canonical"], { cwd: dir });
    assert.match(canonical.stdout, /"name":"run_2026-12-04_03-12-34"/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash: a key that reads the clock through the run dir (lightning-hydra-template's paths.output_dir) is noted too", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "seed: 1\npaths:\n  root: .\n  output_dir: ${hydra:runtime.output_dir}\n" +
      "  log_dir: ${paths.output_dir}/logs\n",
  );
  try {
    const clock = await strata(["hash"], { cwd: dir });
    assert.equal(clock.code, 0, clock.stderr);
    // (the run dir is an absolute path: under the directory strata runs in, too; checker x42)
    const inCwd = "note: paths.output_dir reads the directory strata runs in " +
      "(${hydra:runtime.cwd} or runtime.output_dir, in its value or in one it reads): the hash " +
      "changes with it; run it from the same directory to compare\n";
    assert.equal(
      clock.stderr,
      "note: paths.output_dir reads the clock (a ${now:...} in its value or in one it reads, " +
        "such as a dated run dir): the hash changes with the time it is taken at; --now gives " +
        "the time it formats\n" + inCwd,
    );
    // a run dir without the time: no clock to note (nor for a .nan, the same value twice)
    const fixed = await strata(["hash", "hydra.run.dir=out", "+x=nan"], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stderr, inCwd);
    // nothing that reads the directory: no note at all
    const plain = await strata(["hash", "~paths"], { cwd: dir });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash: a project resolver that changes from call to call is said as such, not as a ${now:...} (checker x51)", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "a: 1\nx: ${cnt:}\n",
    "r.ts": "let n = 0;\nexport default { cnt: () => ++n };\n",
  });
  try {
    const note = "note: x resolved to another value the second time: a resolver of the " +
      "project's reads the clock or changes from call to call, so the hash changes from run to run\n";
    const h = await strata(["hash", "-d", "conf", "--resolvers", "r.ts"], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    assert.equal(h.stderr, note);
    // the same where another key reads the hydra node (checker v61 #1: "x reads the clock")
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: 1\nx: ${cnt:}\nn: ${hydra:job.name}\n");
    const withHydra = await strata(["hash", "-d", "conf", "--resolvers", "r.ts"], { cwd: dir });
    assert.equal(withHydra.code, 0, withHydra.stderr);
    assert.equal(withHydra.stderr, note);
    // and a key that does read the clock is still said to
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: 1\nt: ${now:%H%M%S%f}\nx: ${cnt:}\n");
    const clock = await strata(["hash", "-d", "conf", "--resolvers", "r.ts"], { cwd: dir });
    assert.equal(clock.code, 0, clock.stderr);
    assert.match(clock.stderr, /^note: t reads the clock/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
