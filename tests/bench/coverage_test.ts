/**
 * bench:compare's equality checks see types (checker v32: an int and a float compared equal
 * through JSON.parse), and the document that covers what the generated trees lack gives
 * OmegaConf's outputs (run when /usr/bin/python3 has OmegaConf, as bench:compare is).
 */
import assert from "node:assert/strict";
import { COVERAGE_OTHER_YAML, COVERAGE_YAML, sameTypedJson } from "../../bench/compare/coverage.ts";
import { toJson } from "../../core/container.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { merge, resolveTree, toYaml } from "../../engine.ts";

const python = new Deno.Command("/usr/bin/python3", { args: ["-c", "import omegaconf"] })
  .outputSync().success;

Deno.test({
  name: "bench:compare: an int and a float are not the same output",
  ignore: !python,
  fn: async () => {
    assert.equal(await sameTypedJson('{"a": 1}', '{"a": 1.0}'), false);
    assert.equal(await sameTypedJson('{"a": [1.0]}', '{"a":[1.0]}'), true);
  },
});

Deno.test({
  name: "bench:compare's coverage document resolves, prints and merges as OmegaConf does",
  ignore: !python,
  fn: () => {
    const dir = Deno.makeTempDirSync();
    try {
      Deno.writeTextFileSync(`${dir}/c.yaml`, COVERAGE_YAML);
      Deno.writeTextFileSync(`${dir}/o.yaml`, COVERAGE_OTHER_YAML);
      const script = "import json,sys\nfrom omegaconf import OmegaConf as O\n" +
        "c=O.load(sys.argv[1]);o=O.load(sys.argv[2])\n" +
        "print(json.dumps([json.dumps(O.to_container(c,resolve=True)),O.to_yaml(c)," +
        "O.to_yaml(O.merge(c,o))]))";
      const out = new Deno.Command("/usr/bin/python3", {
        args: ["-c", script, `${dir}/c.yaml`, `${dir}/o.yaml`],
      }).outputSync();
      assert.ok(out.success, new TextDecoder().decode(out.stderr));
      const [json, yaml, merged] = JSON.parse(new TextDecoder().decode(out.stdout));
      const load = (f: string) => loadYaml(Deno.readTextFileSync(f), { file: f });
      const c = load(`${dir}/c.yaml`);
      assert.equal(toJson(resolveTree(c)), json);
      assert.equal(toYaml(c), yaml);
      assert.equal(toYaml(merge(c, load(`${dir}/o.yaml`))), merged);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
