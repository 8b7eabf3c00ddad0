// Did-you-mean for keys holding a dot (lerobot's `input_shapes: {observation.state: [14]}`):
// a suggestion is spelt as the command reads it back (`p[observation.state]`), or not made.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - policy: act\n",
  "conf/policy/act.yaml": "# @package _global_\npolicy:\n  name: act\n  input_shapes:\n" +
    "    observation.images.top: [3, 480, 640]\n    observation.state: [14]\n" +
    "  input_normalization_modes:\n    observation.state: mean_std\n",
  "conf/interp.yaml": "p:\n  obs.state: [1]\nx: ${p.obs_state}\n",
};

/** Runs `strata ARGS` in a fresh copy of TREE. */
async function run(args: string[]) {
  const dir = await confTree(TREE);
  try {
    const r = await strata(args, { cwd: dir });
    assertNoStackTrace(r.stderr);
    return r;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** The did-you-mean line's suggestions, or [] when there is none. */
function suggested(stderr: string): string[] {
  const line = /Did you mean (?:one of: )?(.*)\?$/m.exec(stderr)?.[1];
  return line ? [...line.matchAll(/'([^']*)'/g)].map((m) => m[1]) : [];
}

Deno.test("did-you-mean, explain: a dotted spelling of a key holding a dot gets the bracket form", async () => {
  const cases: [string, string][] = [
    ["policy.input_shapes.observation.state", "policy.input_shapes[observation.state]"],
    ["policy.input_shapes.observation.state[0]", "policy.input_shapes[observation.state][0]"],
    [
      "policy.input_normalization_modes.observation.state",
      "policy.input_normalization_modes[observation.state]",
    ],
  ];
  for (const [typed, want] of cases) {
    const r = await run(["explain", "-d", "conf", typed]);
    assert.equal(r.code, 2, r.stderr);
    const got = suggested(r.stderr);
    assert.equal(got[0], want, r.stderr);
    // every suggestion is one explain reads back
    for (const s of got) assert.equal((await run(["explain", "-d", "conf", s])).code, 0, s);
  }
});

Deno.test("did-you-mean, compose -p: a key holding a dot is suggested as -p reads it", async () => {
  const r = await run(["compose", "-d", "conf", "-p", "policy.input_shapes.observation.state"]);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(suggested(r.stderr), ["policy.input_shapes[observation.state]"]);
  const back = await run(["compose", "-d", "conf", "-p", "policy.input_shapes[observation.state]"]);
  assert.equal(back.stdout, "# @package policy.input_shapes[observation.state]\n- 14\n");
  const typo = await run(["compose", "-d", "conf", "-p", "policy.namee"]);
  assert.deepEqual(suggested(typo.stderr), ["policy.name"]);
});

Deno.test("did-you-mean, overrides: no key an override cannot name is suggested", async () => {
  // `observation.state` would be read as observation → state: Hydra's grammar cannot name it
  for (const o of ["policy.input_shapes.stat=1", "policy.input_shapes={observation.stat: [1]}"]) {
    const r = await run(["compose", "-d", "conf", o]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /is not in struct/);
    assert.deepEqual(suggested(r.stderr), [], r.stderr);
  }
  const typo = await run(["compose", "-d", "conf", "policy.namee=x"]);
  assert.deepEqual(suggested(typo.stderr), ["policy.name"]);
});

Deno.test("did-you-mean, interpolation: no key holding a dot is suggested (none names it)", async () => {
  const r = await run(["compose", "-d", "conf", "-n", "interp", "--resolve"]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Interpolation key 'p\.obs_state' not found/);
  assert.deepEqual(suggested(r.stderr), []);
});
