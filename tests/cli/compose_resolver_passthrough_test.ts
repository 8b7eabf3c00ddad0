// A resolver that resolves something itself (`${hydra:...}` reading a hydra value that is an
// interpolation) fails with that resolution's own error: OmegaConf's resolve_parse_tree
// re-raises an InterpolationResolutionError (or subclass) unchanged, with its message and
// full key, and wraps only other exceptions ("X raised while resolving interpolation").
// strata wrapped it again ("InterpolationKeyError raised while resolving interpolation: ...").
// Texts from python3-omegaconf with a `hydra` resolver that selects from the hydra node.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: an error inside ${hydra:...} is that error, not wrapped", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    // InterpolationKeyError: Interpolation key 'nokey' not found / full_key: hydra.run.dir
    const key = await strata(
      ["compose", "-d", "conf", "--resolve", "hydra.run.dir=${nokey}", "+r=${hydra:run.dir}"],
      { cwd: dir },
    );
    assert.equal(key.code, 1);
    assert.match(
      key.stderr,
      /: Interpolation key 'nokey' not found\n\s*full key: hydra\.run\.dir\n/,
    );
    assert.doesNotMatch(key.stderr, /raised while resolving/);
    assertNoStackTrace(key.stderr);
    // InterpolationResolutionError: KeyError raised while resolving interpolation:
    // "Environment variable 'STRATA_PT_NOPE' not found" / full_key: hydra.run.dir (wrapped once)
    const env = await strata(
      [
        "compose",
        "-d",
        "conf",
        "--resolve",
        "hydra.run.dir=${oc.env:STRATA_PT_NOPE}",
        "+r=${hydra:run.dir}",
      ],
      { cwd: dir },
    );
    assert.equal(env.code, 1);
    assert.match(
      env.stderr,
      /: KeyError raised while resolving interpolation: "Environment variable 'STRATA_PT_NOPE' not found"\n\s*full key: hydra\.run\.dir\n/,
    );
    assert.equal(env.stderr.match(/raised while resolving/g)?.length, 1);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --cfg all --resolve: ${hydra:sweep.subdir} reaching hydra.job.num's ??? is shown ???", async () => {
  // sweep.subdir is ${hydra.job.num}, ??? in a run: the resolver's
  // InterpolationToMissingValueError comes out unwrapped, and OmegaConf.resolve sets ???.
  // --cfg all keeps cfg.hydra, so the hydra node reads hydra.job.num (--cfg job deletes it
  // first: there it is an InterpolationKeyError, tests/cli/compose_hydra_resolve_test.ts).
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(
      ["compose", "-d", "conf", "--resolve", "-c", "all", "+u=${hydra:sweep.subdir}"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.endsWith("\na: 1\nu: ???\n"), r.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
