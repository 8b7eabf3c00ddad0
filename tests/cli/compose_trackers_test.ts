/**
 * Tracker formats never corrupt or drop a param silently: colliding keys are
 * an error, a multi-line value stays on one `flat` line.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose -f flat|wandb|mlflow: two leaves with one tracker key are an error", async () => {
  const long = "k".repeat(260);
  const dir = await confTree({
    "conf/config.yaml": '"a.b": 1\na:\n  b: 2\n',
    "conf/cut.yaml": `${long}1: 1\n${long}2: 2\n`,
  });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 1, f);
      assert.equal(r.stdout, "", f);
      assert.match(
        r.stderr,
        /^conf\/config\.yaml:3:6: 'a\.b' is the tracker key of both \[a\.b\] and a\.b/,
      );
      assert.match(r.stderr, /conf\/config\.yaml:1:8: \[a\.b\] is here/);
      assertNoStackTrace(r.stderr);
    }
    // MLflow cuts keys to 250 characters: two cut alike would lose a param
    const cut = await strata(["compose", "-d", "conf", "-n", "cut", "-f", "mlflow"], { cwd: dir });
    assert.equal(cut.code, 1);
    assert.match(
      cut.stderr,
      /^conf\/cut\.yaml:2:264: .k+…. is the tracker key of both k+/,
    );
    // the two keys make a line over 600 characters: renderError cuts it in its middle
    assert.match(cut.stderr, /one would overwrite the other; rename one of them\n/);
    const flat = await strata(["compose", "-d", "conf", "-n", "cut", "-f", "flat"], { cwd: dir });
    assert.equal(flat.code, 0, "flat keeps long keys whole");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat: a multi-line value or a key with = is one quoted line", async () => {
  const dir = await confTree({
    "conf/config.yaml": 'prompt: "line one\\nline two"\n"k=v": "\\"q"\nplain: a "b" = c\n',
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'prompt="line one\\nline two"\n"k=v"="\\"q"\nplain=a "b" = c\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow: a top-level ??? is the string ??? as a nested one is", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: ???\nb:\n  c: ???\nd: 1\n" });
  try {
    const want: Record<string, string> = {
      flat: "a=???\nb.c=???\nd=1\n",
      wandb: '{"a": "???", "b.c": "???", "d": 1}\n',
      mlflow: '[\n  {"a":"???","b.c":"???","d":"1"}\n]\n',
    };
    for (const [f, out] of Object.entries(want)) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, out, f);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow with -p, --cfg hydra|all or --origins is bad usage, not ignored", async () => {
  const dir = await confTree({ "conf/config.yaml": "optim:\n  lr: 0.1\nseed: 1\n" });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      for (const extra of [["-p", "optim"], ["--cfg", "hydra"], ["--cfg", "all"], ["--origins"]]) {
        const r = await strata(["compose", "-d", "conf", "-f", f, ...extra], { cwd: dir });
        assert.equal(r.code, 2, `${f} ${extra}: ${r.stdout}`);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /writes the whole job config as tracker params: .* does not apply/);
      }
    }
    const job = await strata(["compose", "-d", "conf", "-f", "flat", "--cfg", "job"], { cwd: dir });
    assert.equal(job.code, 0, job.stderr);
    assert.equal(job.stdout, "optim.lr=0.1\nseed=1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
