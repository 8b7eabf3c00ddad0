// `hydra.output_subdir: ""` (pyannote's hydra configs) or `.`: Hydra writes its unresolved
// config.yaml, hydra.yaml and overrides.yaml into the run dir itself (`Path(output_dir) /
// Path(output_subdir)`, hydra/core/utils.py). strata writes them as Hydra does, puts the resolved
// config in .strata/config.yaml (STRATA_CONFIG) with a warning at output_subdir, and `strata diff`
// reads such run dirs.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const PRIMARY = "a: 1\nb: ${a}\nhydra:\n  output_subdir: ''\n";
const SHOW = ["--", "sh", "-c", 'cat "$STRATA_CONFIG"'];

Deno.test("run: output_subdir '' keeps Hydra's config.yaml; the resolved one is .strata/'s", async () => {
  const root = Deno.realPathSync(await confTree({ "conf/config.yaml": PRIMARY }));
  try {
    for (
      const [sub, at] of [["", "conf/config.yaml:4:18"], [
        ".",
        "override #2 'hydra.output_subdir=.'",
      ]]
    ) {
      const args = [
        "run",
        "hydra.run.dir=r",
        ...(sub === "" ? [] : [`hydra.output_subdir=${sub}`]),
      ];
      const r = await strata([...args, ...SHOW], { cwd: root });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "a: 1\nb: 1\n");
      assert.equal(Deno.readTextFileSync(`${root}/r/config.yaml`), "a: 1\nb: ${a}\n");
      assert.equal(Deno.readTextFileSync(`${root}/r/.strata/config.yaml`), "a: 1\nb: 1\n");
      assert.ok(Deno.statSync(`${root}/r/hydra.yaml`).isFile);
      assert.equal(
        r.stderr,
        `${at}: warning: hydra.output_subdir: ${root}/r/config.yaml is Hydra's unresolved job ` +
          `config (Hydra's files go in the run dir itself); the resolved config is in ` +
          `${root}/r/.strata/config.yaml (STRATA_CONFIG)\n`,
      );
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("diff reads run dirs whose Hydra files are at their root", async () => {
  const root = Deno.realPathSync(await confTree({ "conf/config.yaml": PRIMARY }));
  try {
    for (const [dir, a] of [["r1", "a=1"], ["r2", "a=2"]]) {
      const r = await strata(["run", "-q", `hydra.run.dir=${dir}`, a, "--", "true"], { cwd: root });
      assert.equal(r.code, 0, r.stderr);
    }
    const d = await strata(["diff", "r1", "r2"], { cwd: root });
    assertNoStackTrace(d.stderr);
    assert.equal(d.code, 1, d.stderr);
    assert.match(d.stdout, /~ a: 1 -> 2\n/);
    assert.match(d.stdout, /b: r2\/config\.yaml:1:4, override a=2 \(r2\/overrides\.yaml\)/);
    Deno.mkdirSync(`${root}/empty`);
    const none = await strata(["diff", "r1", "empty"], { cwd: root });
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /'empty' is not a run directory: it has no \.hydra\/ .*nor Hydra's hydra\.yaml/,
    );
    assert.doesNotMatch(none.stderr, /compare it as a file/);
    // a run with hydra.output_subdir=null wrote its resolved config.yaml alone: diff it as a file
    const nul = await strata([
      "run",
      "-q",
      "-d",
      "conf",
      "hydra.run.dir=rn",
      "hydra.output_subdir=null",
      "--",
      "true",
    ], {
      cwd: root,
    });
    assert.equal(nul.code, 0, nul.stderr);
    const asRun = await strata(["diff", "r1", "rn"], { cwd: root });
    assert.equal(asRun.code, 2);
    assert.match(
      asRun.stderr,
      /it holds config\.yaml .*compare it as a file, 'rn\/config\.yaml', with another run's config\.yaml: it holds resolved values, where an override set's interpolations stay as written\n/,
    );
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
