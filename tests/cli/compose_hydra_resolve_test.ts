// `--cfg hydra --resolve`, `--cfg all --resolve` and `-p hydra.sweep --resolve` print what
// Hydra 1.3.2's show_cfg prints: it composes in RUN mode (hydra.job.num, hydra.runtime.output_dir
// are ???) and runs OmegaConf.resolve on what it prints, which sets a value that reaches a ??? to
// ???. `--cfg hydra` resolves `{hydra: ...}` alone (get_sanitized_hydra_cfg deleted the job's
// keys). The expected texts were checked against python3-omegaconf: strata's unresolved print,
// OmegaConf.create, OmegaConf.resolve, to_yaml.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FIXED = ["hydra.run.dir=out", "hydra.sweep.dir=multi"]; // no ${now:...} in the expected text

async function withConf(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await confTree({
    "conf/config.yaml": "db:\n  name: x\nk: ${db.name}\ns: ${hydra.sweep.subdir}\n",
  });
  try {
    await fn(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("compose --cfg hydra --resolve: resolved, the values that read RUN mode's ??? shown ???", async () => {
  await withConf(async (dir) => {
    const raw = await strata(["compose", "-d", "conf", "--cfg", "hydra", ...FIXED], { cwd: dir });
    assert.equal(raw.code, 0, raw.stderr);
    const r = await strata(["compose", "-d", "conf", "--cfg", "hydra", "--resolve", ...FIXED], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    const subdir = "    subdir: ${hydra.job.num}\n";
    const log = "        filename: ${hydra.runtime.output_dir}/${hydra.job.name}.log\n";
    assert.ok(raw.stdout.includes(subdir) && raw.stdout.includes(log), raw.stdout);
    const expected = raw.stdout.replace(subdir, "    subdir: ???\n")
      .replace(log, "        filename: ???\n");
    assert.equal(r.stdout, expected);
    assert.ok(r.stdout.includes("\n    num: ???\n"), r.stdout);
    assert.ok(r.stdout.includes("\n    output_dir: ???\n"), r.stdout);
  });
});

Deno.test("compose --cfg hydra --resolve: the hydra node cannot read the job's keys, as in Hydra", async () => {
  await withConf(async (dir) => {
    const args = ["compose", "-d", "conf", "--resolve", "hydra.run.dir=outputs/${db.name}"];
    const r = await strata([...args, "--cfg", "hydra"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.ok(
      r.stderr.includes("Interpolation key 'db.name' not found\n    full key: hydra.run.dir"),
      r.stderr,
    );
    assertNoStackTrace(r.stderr);
    // --cfg all resolves the whole config: there it reads them
    const all = await strata([...args, "--cfg", "all"], { cwd: dir });
    assert.equal(all.code, 0, all.stderr);
    assert.ok(all.stdout.startsWith("hydra:\n  run:\n    dir: outputs/x\n"), all.stdout);
  });
});

Deno.test("compose --cfg all --resolve: the hydra node resolved too, before the job's keys", async () => {
  await withConf(async (dir) => {
    const r = await strata(["compose", "-d", "conf", "--cfg", "all", "--resolve", ...FIXED], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    const head = "hydra:\n  run:\n    dir: out\n  sweep:\n    dir: multi\n    subdir: ???\n";
    assert.ok(r.stdout.startsWith(head), r.stdout);
    // hydra.job.name: the config's name, as strata run names a job without a script
    assert.ok(r.stdout.includes("\n    app_name: config\n"), r.stdout);
    assert.ok(r.stdout.includes("\n        filename: ???\n"), r.stdout);
    assert.ok(r.stdout.endsWith("\ndb:\n  name: x\nk: x\ns: ???\n"), r.stdout);
    assert.ok(!r.stdout.includes("${"), r.stdout);
  });
});

Deno.test("compose -p hydra.sweep --resolve: subdir ${hydra.job.num} is ???, as Hydra prints it", async () => {
  await withConf(async (dir) => {
    for (const cfg of ["hydra", "all"]) {
      const r = await strata(
        ["compose", "-d", "conf", "--cfg", cfg, "-p", "hydra.sweep", "--resolve", ...FIXED],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "# @package hydra.sweep\ndir: multi\nsubdir: ???\n");
    }
    // a leaf is read with OmegaConf.select, which raises
    const leaf = await strata(
      ["compose", "-d", "conf", "--cfg", "hydra", "-p", "hydra.sweep.subdir", "--resolve"],
      { cwd: dir },
    );
    assert.equal(leaf.code, 1);
    assert.match(leaf.stderr, /Missing mandatory value: hydra.job.num/);
    assertNoStackTrace(leaf.stderr);
  });
});

Deno.test("compose -p KEY --resolve: a job package's value that reaches a ??? is ???", async () => {
  const dir = await confTree({
    "conf/config.yaml": "m: ???\nd:\n  x: 1\n  y: ${m}\n  z: ${.x}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-p", "d", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "# @package d\nx: 1\n'y': ???\nz: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve (--cfg job): ${hydra:...} of a hydra value that reads hydra.* fails, as show_cfg deleted cfg.hydra", async () => {
  // Hydra's show_cfg deletes cfg.hydra before OmegaConf.resolve, and the HydraConfig node the
  // resolver selects from has that config as its parent: `sweep.subdir: ${hydra.job.num}` raises
  // InterpolationKeyError "Interpolation key 'hydra.job.num' not found" (full_key
  // hydra.sweep.subdir), checked with python3-omegaconf (masked_copy, _set_parent, del, resolve)
  const dir = await confTree({ "conf/config.yaml": "db:\n  name: x\n" });
  try {
    const u = "+u=${hydra:sweep.subdir}";
    for (const extra of [["--resolve"], ["--resolve", "-f", "json"], ["-p", "u"]]) {
      const r = await strata(["compose", "-d", "conf", u, ...extra], { cwd: dir });
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /Interpolation key 'hydra\.job\.num' not found\n {4}full key: hydra\.sweep\.subdir\n/,
      );
      assert.match(r.stderr, /read by u: \$\{hydra:sweep\.subdir\}/);
      assertNoStackTrace(r.stderr);
    }
    // a plain hydra value still reads; a ??? one is None (OmegaConf.select)
    const ok = await strata(
      ["compose", "-d", "conf", "--resolve", "+v=${hydra:job.name}", "+w=${hydra:job.num}"],
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "db:\n  name: x\nv: config\nw: null\n");
    // --cfg all keeps cfg.hydra: the value reaches RUN mode's ??? and is ???
    const all = await strata(["compose", "-d", "conf", "--resolve", "-c", "all", u, ...FIXED], {
      cwd: dir,
    });
    assert.equal(all.code, 0, all.stderr);
    assert.ok(all.stdout.endsWith("\nu: ???\n"), all.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: ${hydra:} and ${hydra:a,b} fail as Hydra's one-argument resolver does (checker x36)", async () => {
  const dir = await confTree({
    "conf/a.yaml": "v: ${hydra:a,b}\n",
    "conf/b.yaml": "v: ${hydra:}\n",
  });
  try {
    const two = await strata(["compose", "-d", "conf", "-n", "a", "--resolve"], { cwd: dir });
    assert.equal(two.code, 1, two.stderr);
    assert.equal(
      two.stderr,
      "conf/a.yaml:1:4: TypeError raised while resolving interpolation: <lambda>() takes 1 " +
        "positional argument but 2 were given\n    full key: v\n",
    );
    const none = await strata(["compose", "-d", "conf", "-n", "b", "--resolve"], { cwd: dir });
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stderr, /<lambda>\(\) missing 1 required positional argument: 'path'/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
