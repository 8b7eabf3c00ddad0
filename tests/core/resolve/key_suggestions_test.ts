/**
 * Did-you-mean for an interpolation key that is not there names only keys
 * that are: the nearest key replaces the first absent segment, and the rest
 * of the key must then be there too (`${d.1.5}` with `d: {k: [...]}` is not
 * "did you mean d.k.5", which does not exist either); a suggestion that is
 * there is kept, whole (`${modle.name}` is `model.name`).
 */

import assert from "node:assert/strict";
import { createConfig, isStrataError } from "../../../mod.ts";

function suggestions(data: Record<string, unknown>, key: string): string[] {
  try {
    createConfig({ ...data, x: `\${${key}}` }).get("x");
  } catch (e) {
    if (isStrataError(e) && e.code === "interpolation-key") return e.suggestions;
    throw e;
  }
  throw new Error(`\${${key}} resolved`);
}

Deno.test("did-you-mean: a suggestion whose rest is not there is not made", () => {
  const d = { d: { k: [1, { a5: 1 }] } };
  assert.deepEqual(suggestions(d, "d.1.5"), []);
  assert.deepEqual(suggestions(d, "d.1.c"), []);
  assert.deepEqual(suggestions(d, "d.5.a"), []);
  assert.deepEqual(suggestions(d, "d.1.a.z"), []);
});

Deno.test("did-you-mean: a misspelt segment whose rest is not there is suggested alone, as an override's is (checker w39)", () => {
  assert.deepEqual(suggestions({ dataset: { name: 1 } }, "datset.channels"), ["dataset"]);
  assert.deepEqual(suggestions({ runs: [{ lr: 1 }] }, "rnus.1.lr"), ["runs"]);
  assert.deepEqual(suggestions({ a: { model: { name: 1 } } }, "a.modle.size"), ["a.model"]);
  // the rest misspelt too: both segments spelt
  assert.deepEqual(suggestions({ model: { name: 1 } }, "modle.nmae"), ["model.name"]);
});

Deno.test("did-you-mean: a suggestion that is there, through dicts and lists", () => {
  assert.deepEqual(suggestions({ d: { k: [1, { a5: 1 }] } }, "d.kk.1.a5"), ["d.k.1.a5"]);
  assert.deepEqual(suggestions({ model: { name: 1 } }, "modle.name"), ["model.name"]);
  assert.deepEqual(suggestions({ model: { name: 1 } }, "model.nmae"), ["model.name"]);
  assert.deepEqual(suggestions({ runs: [{ lr: 1 }] }, "rnus.0.lr"), ["runs.0.lr"]);
});

/** The suggestions of the error reading `at` (a dotted key of `data`). */
function suggestionsAt(data: Record<string, unknown>, at: string): string[] {
  try {
    createConfig(data as never).get(at);
  } catch (e) {
    if (isStrataError(e) && e.code === "interpolation-key") return e.suggestions;
    throw e;
  }
  throw new Error(`${at} resolved`);
}

Deno.test("did-you-mean never names the interpolation's own node, nor a copy of it", () => {
  // physicsnemo: `${data_dir}` one level deeper is the very node that holds it
  assert.deepEqual(suggestionsAt({ r: { data_dir: "${data_dir}" } }, "r.data_dir"), []);
  // pytorch_sac (a Hydra 0.11 option read at its group): only the key that holds a value
  const agent = {
    agent: { params: { obs_dim: 3 } },
    critic: { params: { obs_dim: "${agent.params.obs_dim}" } },
    actor: { params: { obs_dim: "${agent.params.obs_dim}" } },
  };
  assert.deepEqual(suggestionsAt({ agent }, "agent.critic.params.obs_dim"), [
    "agent.agent.params.obs_dim",
  ]);
});

Deno.test("did-you-mean: a relative key climbing one level too few or too many gets the dots that reach it", () => {
  // IsaacGymEnvs' train configs read the task four levels up
  const data = (n: string) => ({
    task: { env: { numEnvs: 4 } },
    lr: 1,
    train: { params: { config: { numEnvs: 2, n } } },
  });
  const at = "train.params.config.n";
  assert.deepEqual(suggestionsAt(data("${...task.env.numEnvs}"), at), ["....task.env.numEnvs"]);
  assert.deepEqual(suggestionsAt(data("${..lr}"), at), ["....lr"]);
  // the nearest level first: `.numEnvs` (config's own), not `..config.numEnvs`
  assert.deepEqual(suggestionsAt(data("${..numEnvs}"), at), [".numEnvs"]);
  // a misspelling at the level written is still the first guess
  assert.deepEqual(suggestionsAt(data("${.numEnv}"), at), [".numEnvs"]);
  // nowhere: nothing
  assert.deepEqual(suggestionsAt(data("${..nope}"), at), []);
});

Deno.test("did-you-mean: a key spelt shorter or longer that holds the rest (nnDetection's trainer for trainer_cfg)", () => {
  const d = { trainer_cfg: { sweep_key: 1 }, model: { size: 2 } };
  assert.deepEqual(suggestions(d, "trainer.sweep_key"), ["trainer_cfg.sweep_key"]);
  assert.deepEqual(suggestions({ t: { k: 1 }, tt: { j: 1 } }, "ttt.k"), ["t.k"]);
  // the rest must be there; a bare key gets only the near spellings
  assert.deepEqual(suggestions(d, "trainer.nope"), []);
  assert.deepEqual(suggestions(d, "trainer"), []);
});

Deno.test("did-you-mean: a key that names a float or int key is not misspelt, it is unreachable (checker v59 #1)", async () => {
  const { loadYaml } = await import("../../../engine.ts");
  const { resolveTree } = await import("../../../engine.ts");
  for (
    const [text, key, said] of [
      ["1.5: x\nv1: ${a}\na: 1\nv3: ${1.5}\n", "1.5", "the key 1.5 here is a float key"],
      ["1: x\nv1: ${a}\na: 1\nv3: ${1}\n", "1", "the key 1 here is an int key"],
      ["d:\n  1.5: x\n  v1: 2\n  v3: ${.1.5}\n", "1.5", "the key 1.5 here is a float key"],
    ] as const
  ) {
    try {
      resolveTree(loadYaml(text, { file: "c.yaml" }));
      assert.fail(`${text} resolved`);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      assert.equal(e.code, "interpolation-key");
      assert.equal(e.message, `Interpolation key '${key}' not found`); // OmegaConf's words
      assert.deepEqual(e.suggestions, [], text); // not 'v1'
      assert.match(
        e.related[0]?.message ?? "",
        new RegExp(`^${said}: an interpolation's key path`),
      );
      assert.equal(e.related[0].origin?.line, text.startsWith("d") ? 2 : 1);
    }
  }
});
