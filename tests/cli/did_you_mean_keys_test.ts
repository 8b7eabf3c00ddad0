// Did-you-mean where the checks of fairo's, omnivore's and 3D-Diffusion-Policy's trees found
// none: a `~key` that is not there, a config path named with its .yaml, an interpolation key that
// sits one level deeper (an option written for Hydra 1.0, whose header-less options were global);
// and explain saying what Hydra itself sets.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - robot_client: sim\n  - /extra/catalog.yaml\n  - _self_\n" +
    "ip: 0.0.0.0\nhydra:\n  job:\n    override_dirname: ${ip}\n",
  "conf/robot_client/sim.yaml": "hz: 100\nport: 1\n",
  "conf/extra/catalog.yaml": "c: 1\n",
};

async function run(args: string[], files: Record<string, string> = {}) {
  const dir = await confTree({ ...TREE, ...files });
  try {
    const r = await strata(args, { cwd: dir });
    assertNoStackTrace(r.stderr);
    return r;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("~key that is not there: did-you-mean beside it, else one level deeper", async () => {
  const typo = await run(["compose", "-d", "conf", "~robot_clien"]);
  assert.equal(typo.code, 1);
  assert.match(
    typo.stderr,
    /'robot_clien' does not exist\.\n {4}full key: robot_clien\n {4}Did you mean 'robot_client'\?\n/,
  );
  const deeper = await run(["compose", "-d", "conf", "~port"]);
  assert.match(deeper.stderr, /Did you mean 'robot_client\.port'\?/);
});

Deno.test("a config path named with .yaml and misspelt: did-you-mean", async () => {
  const r = await run(["compose", "-d", "conf"], {
    "conf/config.yaml": "defaults:\n  - /extra/catalg.yaml\n  - _self_\n",
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Could not load 'extra\/catalg\.yaml'/);
  // as the entry writes it, directories and all, so it can be written back (checker w42)
  assert.match(r.stderr, /Did you mean '\/extra\/catalog'\?/);
});

Deno.test("a config path with a directory misspelt: did-you-mean mends it, as the entry writes the path", async () => {
  // SMARTS' env_config/hiway_env-v1.yaml with `params/scenario/` for `params/scenarios/` (checker
  // v47): it got the ConfigStore hint
  const files = {
    "conf/config.yaml": "defaults:\n  - env_config: hiway\n  - _self_\n",
    "conf/env_config/params/scenarios/figure_eight.yaml": "x: 1\n",
  };
  for (
    const [entry, want] of [
      ["params/scenario/figure_eight", "params/scenarios/figure_eight"],
      ["/env_config/paramz/scenario/figure_eight", "/env_config/params/scenarios/figure_eight"],
    ]
  ) {
    const r = await run(["compose", "-d", "conf"], {
      ...files,
      "conf/env_config/hiway.yaml": `defaults:\n  - ${entry}\n  - _self_\n`,
    });
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`Did you mean '${want}'?`), r.stderr);
    assert.ok(!r.stderr.includes("ConfigStore"), r.stderr);
  }
});

Deno.test("an interpolation key one level deeper: did-you-mean", async () => {
  const r = await run(["compose", "-d", "conf", "--resolve"], {
    "conf/robot_client/sim.yaml": "hz: 100\nrate: ${hz}\n",
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Interpolation key 'hz' not found/);
  assert.match(r.stderr, /Did you mean 'robot_client\.hz'\?/);
});

Deno.test("explain hydra.job.override_dirname says Hydra sets it from the overrides", async () => {
  const r = await run(["explain", "hydra.job.override_dirname", "-d", "conf", "ip=1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /\n {2}then set by Hydra as it composes: from the task overrides, sorted and joined .*, replacing what a config wrote there\n {2}composed: "ip=1"/,
  );
  const json = await run(["explain", "hydra.job.override_dirname", "-d", "conf", "-f", "json"]);
  assert.match(JSON.parse(json.stdout).set_by_hydra, /^from the task overrides/);
  const plain = await run(["explain", "ip", "-d", "conf", "-f", "json"]);
  assert.equal(JSON.parse(plain.stdout).set_by_hydra, null);
});
