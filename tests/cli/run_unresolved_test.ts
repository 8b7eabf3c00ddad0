/**
 * Values that cannot resolve do not stop `strata run` (Hydra runs the app,
 * which fails only if it reads them); `hash`, `explain`, `diff` and `run`
 * read `.strata.yaml` as `compose` does, and `hash` gives the job's
 * STRATA_CONFIG_HASH.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

function tree(files: Record<string, string>): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-unres-" }));
  for (const [name, text] of Object.entries(files)) {
    Deno.mkdirSync(join(dir, name, ".."), { recursive: true });
    Deno.writeTextFileSync(join(dir, name), text);
  }
  return dir;
}

const CONFIG = `lr: 0.1
batch: 32
steps: \${eval:'\${batch} * 100'}
resume_from: ???
wandb_key: \${oc.env:STRATA_TEST_UNSET_KEY}
nested:
  ok: \${lr}
  bad: \${oc.env:STRATA_TEST_UNSET_KEY}
`;
const RESOLVED = `lr: 0.1
batch: 32
steps: \${eval:'\${batch} * 100'}
resume_from: ???
wandb_key: \${oc.env:STRATA_TEST_UNSET_KEY}
nested:
  ok: 0.1
  bad: \${oc.env:STRATA_TEST_UNSET_KEY}
`;

Deno.test("run starts with ???, an opaque resolver and an unset env var; config.yaml keeps them", async () => {
  const dir = tree({
    "conf/config.yaml": CONFIG,
    ".strata.yaml": "resolvers:\n  opaque: [eval]\n",
  });
  try {
    const job = ["--", "sh", "-c", 'cat "$STRATA_CONFIG"; echo "$STRATA_CONFIG_HASH"'];
    const r = await strata(["run", "hydra.run.dir=o", ...job], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "o/config.yaml")), RESOLVED);
    // eval is declared opaque: worded as compose words it
    const opaque =
      "conf/config.yaml:3:8: warning: steps calls 'eval', declared opaque in .strata.yaml";
    assert.ok(r.stderr.includes(`${opaque}: kept as written\n`), r.stderr);
    assert.doesNotMatch(r.stderr, /steps does not resolve/);
    assert.match(r.stderr, /conf\/config\.yaml:5:12: warning: wandb_key does not resolve/);
    assert.match(r.stderr, /nested\.bad does not resolve/);
    assert.doesNotMatch(r.stderr, /resume_from/);
    // hash hashes the same resolved config
    const h = await strata(["hash"], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    assert.ok(r.stdout.endsWith(h.stdout), `${r.stdout}\n${h.stdout}`);
    assert.ok(h.stderr.includes(opaque), h.stderr);
    // a sweep too, each key warned once
    const m = await strata(["run", "-m", "hydra.sweep.dir=s", "lr=1,2", ...job], { cwd: dir });
    assert.equal(m.code, 0, m.stderr);
    assert.equal(m.stderr.match(/steps calls 'eval'/g)?.length, 1);
    assert.match(
      Deno.readTextFileSync(join(dir, "s/1/config.yaml")),
      /^lr: 2\n[^]*resume_from: \?\?\?\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash treats ??? as the string '???'; explain does not fail on another key", async () => {
  const dir = tree({ "conf/config.yaml": "api_key: ???\nlr: 0.1\n" });
  try {
    const c = await strata(["hash", "--canonical"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, '{"api_key":"???","lr":0.1}');
    const e = await strata(["explain", "lr"], { cwd: dir });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /\n {2}value: 0\.1\n/);
    const m = await strata(["explain", "api_key"], { cwd: dir });
    assert.equal(m.code, 0, m.stderr);
    // MISSING, shown bare as compose shows it (not the string "???")
    assert.match(m.stdout, /\n {2}value: \?\?\?\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash --job-name defaults as run does: the STRATA_CONFIG_HASH of a job without a script", async () => {
  const dir = tree({ "conf/config.yaml": "lr: 0.1\nname: ${hydra:job.name}\n" });
  try {
    const r = await strata([
      "run",
      "hydra.run.dir=o",
      "--",
      "sh",
      "-c",
      'echo "$STRATA_CONFIG_HASH"',
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await strata(["hash"], { cwd: dir })).stdout, r.stdout);
    assert.equal(
      (await strata(["hash", "--canonical", "--job-name", "train"], { cwd: dir })).stdout,
      '{"lr":0.1,"name":"train"}',
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash, explain, diff and run read .strata.yaml (config_name, resolvers.module) and take --resolvers", async () => {
  const dir = tree({
    ".strata.yaml": "config_name: main\nresolvers:\n  module: tools/resolvers.ts\n",
    "tools/resolvers.ts": "export default { shout: (args) => String(args[0]).toUpperCase() };\n",
    "tools/more.ts": "export default { twice: (args) => String(args[0]).repeat(2) };\n",
    "conf/main.yaml": "name: ${shout:hello}\nx: ${twice:ab}\n",
  });
  try {
    const more = ["--resolvers", "tools/more.ts"];
    const h = await strata(["hash", "--canonical", ...more], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    assert.equal(h.stdout, '{"name":"HELLO","x":"abab"}');
    const e = await strata(["explain", "name", ...more], { cwd: dir });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /^name\n {2}1\. main: /);
    assert.match(e.stdout, /\n {2}value: "HELLO"\n/);
    const d = await strata(["diff", "--a", "", "--b", "name=x"], { cwd: dir });
    assert.equal(d.code, 1, d.stderr);
    assert.match(d.stdout, /~ name: "\$\{shout:hello\}" -> "x"/);
    const r = await strata(["run", "hydra.run.dir=o", ...more, "--", "sh", "-c", "true"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(Deno.readTextFileSync(join(dir, "o/config.yaml")), "name: HELLO\nx: abab\n");
    assert.ok(Deno.statSync(join(dir, "o/main.log")).isFile);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: a job's value that does not resolve is warned of at the override the user typed, with its job", async () => {
  const dir = tree({ "conf/config.yaml": "trainer:\n  max_epochs: 3\n" });
  try {
    const r = await strata(
      [
        "run",
        "-m",
        "-d",
        "conf",
        "trainer.max_epochs=1,${oops}",
        "hydra.sweep.dir=out",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    // override #1 as typed, not #3 of the job's own list in Hydra's escaped form; said when the
    // job starts, where its config is resolved (once: a resolver of the project's runs once)
    const warned = r.stderr.split("\n").filter((l) => l.includes("does not resolve"));
    assert.deepEqual(warned.map((l) => l.slice(0, l.indexOf(" (Interpolation"))), [
      "override #1 'trainer.max_epochs=1,${oops}': warning: in job #1, trainer.max_epochs does not resolve",
    ], r.stderr);
    // and it comes after its job's start line, between the two jobs' (checker w55 #6)
    const lines = r.stderr.split("\n");
    const at = lines.findIndex((l) => l.includes("does not resolve"));
    assert.ok(lines.slice(0, at).some((l) => l.includes("#1 :")), r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: an opaque resolver in a value strata computes itself (the job's env_set) says why opaque is not enough", async () => {
  const dir = tree({
    ".strata.yaml": "resolvers:\n  opaque: [get_free_gpu]\n",
    "conf/config.yaml":
      "x: 1\nhydra:\n  job:\n    env_set:\n      CUDA_VISIBLE_DEVICES: ${get_free_gpu:${hydra:job.num}}\n",
  });
  try {
    const r = await strata(["run", "hydra.run.dir=o", "--", "true"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /\n {4}get_free_gpu is declared opaque in \.strata\.yaml, which keeps a value of the job's config that calls it as written; hydra\.job\.env_set\.CUDA_VISIBLE_DEVICES is one strata computes itself .*: implement it/,
    );
    assert.doesNotMatch(r.stderr, /resolvers: \{opaque:/, "not the advice already followed");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: a resolved string holding ${ is written escaped in config.yaml, so OmegaConf loads the same text back (checker x27)", async () => {
  const dir = tree({
    "conf/config.yaml":
      "n: 10\nescaped: \\${n}\nmixed: literal \\${x} and ${n}\nkept: ${oc.env:STRATA_TEST_UNSET_KEY}\n",
  });
  try {
    const r = await strata(["run", "hydra.run.dir=o", "--", "true"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      Deno.readTextFileSync(join(dir, "o/config.yaml")),
      "'n': 10\nescaped: \\${n}\nmixed: literal \\${x} and 10\nkept: ${oc.env:STRATA_TEST_UNSET_KEY}\n",
    );
    // the hash is of the values, as the app reads them back
    const h = await strata(["hash"], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    assert.equal(
      h.stdout.trim(),
      Deno.readTextFileSync(join(dir, "o/.strata/config_hash")).trim(),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
