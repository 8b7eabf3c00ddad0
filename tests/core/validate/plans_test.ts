import assert from "node:assert/strict";
import { compose } from "../../../core/compose/compose.ts";
import { planCompositions } from "../../../core/validate/plans.ts";
import { walkConfTree } from "../../../core/validate/tree.ts";
import { composePlan } from "../../../core/validate/composition_check.ts";
import { toYaml } from "../../../core/yaml/emit.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

function tree(files: Record<string, string>): string {
  const dir = Deno.makeTempDirSync();
  for (const [rel, text] of Object.entries(files)) {
    Deno.mkdirSync(`${dir}/${rel}`.replace(/\/[^/]*$/, ""), { recursive: true });
    Deno.writeTextFileSync(`${dir}/${rel}`, text);
  }
  return dir;
}

function assertSameAsCompose(configDir: string, minSwaps: number) {
  const { plans, problems } = planCompositions({
    configDir,
    configName: "config",
    searchPath: [],
    groups: walkConfTree(configDir).groups,
  });
  assert.deepEqual(problems, []);
  const swaps = plans.filter((p) => p.swap);
  assert.ok(swaps.length >= minSwaps, `${swaps.length} option swaps`);
  const infos = new Map();
  for (const plan of plans) {
    const fast = composePlan(plan, { configDir, configName: "config" }, infos);
    const full = compose({ configDir, configName: "config", overrides: plan.overrides });
    assert.equal(toYaml(fast.config), toYaml(full.config), plan.overrides.join(" "));
    assert.equal(toYaml(fast.hydra), toYaml(full.hydra), plan.overrides.join(" "));
    assert.deepEqual(fast.choices, full.choices);
  }
}

Deno.test("plans: an option swap composes exactly as compose() does (the example tree)", () => {
  assertSameAsCompose(ROOT + "examples/llm-finetune/conf", 6);
});

Deno.test("plans: options with defaults lists, headers and interpolated choices are not swapped blindly", () => {
  const dir = tree({
    "config.yaml":
      "defaults:\n  - db: a\n  - schema: ${db}\n  - server: x\n  - _self_\nurl: ${db.host}\n",
    "db/a.yaml": "host: a\n",
    "db/b.yaml": "host: b\n",
    "schema/a.yaml": "tables: 1\n",
    "schema/b.yaml": "tables: 2\n",
    "server/x.yaml": "port: 1\n",
    "server/y.yaml": "# @package _global_\nport: 2\n",
    "server/z.yaml": "defaults:\n  - /db: b\nport: 3\n",
  });
  assertSameAsCompose(dir, 0);
});

Deno.test("plans: a ??? group default is composed with each option; included options are not experiments", () => {
  const dir = tree({
    "config.yaml": "defaults:\n  - db: ???\n  - server/apache\n",
    "db/base.yaml": "host: ???\n",
    "db/mysql.yaml": "defaults:\n  - /shared/common@_here_\nhost: m\n",
    "db/pg.yaml": "host: p\n",
    "shared/common.yaml": "port: 1\n",
    "server/apache.yaml": "name: apache\n",
  });
  const { plans, problems } = planCompositions({
    configDir: dir,
    configName: "config",
    searchPath: [],
    groups: walkConfTree(dir).groups,
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(plans.map((p) => p.overrides.join(" ")), ["db=base", "db=mysql", "db=pg"]);
  assertSameAsCompose(dir, 0);
});

Deno.test("plans: a group's sub-directory no defaults list names holds the group's options (experiment=sub/x)", () => {
  const files = {
    "config.yaml": "defaults:\n  - _self_\n  - experiment: base\n",
    "experiment/base.yaml": "# @package _global_\ndefaults:\n  - /model: a\n",
    "experiment/sub/x.yaml": "# @package _global_\ndefaults:\n  - /model: b\n",
    "model/a.yaml": "n: 1\n",
    "model/b.yaml": "defaults:\n  - sub: fast\nn: 2\n",
    // a sub-directory a defaults list names as a group stays one (chosen by model/b.yaml)
    "model/sub/fast.yaml": "k: 1\n",
    "model/sub/slow.yaml": "k: 2\n",
    // a sub-directory of a group no defaults list names
    "model/big/c.yaml": "n: 3\n",
  };
  const dir = tree(files);
  let { plans, problems } = planCompositions({
    configDir: dir,
    configName: "config",
    searchPath: [],
    groups: walkConfTree(dir).groups,
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(plans.map((p) => p.overrides.join(" ")), [
    "",
    "model=b",
    "model=b model/sub=slow",
    "experiment=sub/x",
    "model=big/c",
  ]);
  // nobody chooses the experiment: each option is added, the nested one by its name in the group
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - _self_\n");
  ({ plans, problems } = planCompositions({
    configDir: dir,
    configName: "config",
    searchPath: [],
    groups: walkConfTree(dir).groups,
  }));
  assert.deepEqual(problems, []);
  assert.deepEqual(plans.map((p) => p.overrides.join(" ")), [
    "",
    "+experiment=base",
    "+experiment=sub/x",
    "+experiment=base model=b",
    "+experiment=sub/x model/sub=slow",
    "+experiment=base model=big/c",
  ]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("plans: a group with options only in sub-directories is tried at its slot (experiment=owt/a)", () => {
  const plansOf = (config: string) => {
    const dir = tree({
      "config.yaml": config,
      "experiment/owt/a.yaml": "# @package _global_\nx: 2\n",
      "experiment/pile/b.yaml": "# @package _global_\nx: 3\n",
    });
    const { plans, problems } = planCompositions({
      configDir: dir,
      configName: "config",
      searchPath: [],
      groups: walkConfTree(dir).groups,
    });
    Deno.removeSync(dir, { recursive: true });
    assert.deepEqual(problems, []);
    return plans.map((p) => p.overrides.join(" "));
  };
  // the primary's `experiment: null` is the slot users choose with experiment=owt/a
  assert.deepEqual(plansOf("defaults:\n  - experiment: null\n  - _self_\nx: 1\n"), [
    "",
    "experiment=owt/a",
    "experiment=pile/b",
  ]);
  // any entry for the group is one
  assert.deepEqual(plansOf("defaults:\n  - experiment: owt/a\n  - _self_\nx: 1\n"), [
    "",
    "experiment=pile/b",
  ]);
  // no slot: appended at the top group, as experiments are (+experiment=owt/a), not as
  // +experiment/owt=a, which composes the option at experiment.owt
  assert.deepEqual(plansOf("x: 1\n"), ["", "+experiment=owt/a", "+experiment=pile/b"]);
});

Deno.test("plans: a sub-directory beside a chosen group's directory is a group, not a folder of an ancestor's options (habitat)", () => {
  // habitat's `habitat/simulator/agents` beside the chosen `habitat/simulator/sim_sensors`
  const dir = tree({
    "config.yaml": "defaults:\n  - lib: base\n  - _self_\n",
    "lib/base.yaml": "defaults:\n  - sim/sensors@sim.sensors.rgb: rgb\n  - _self_\nseed: 1\n",
    "lib/sim/sensors/rgb.yaml": "width: 64\n",
    "lib/sim/agents/rgbd.yaml": "defaults:\n  - agent_base\n  - _self_\nheight: 1.5\n",
    "lib/sim/agents/agent_base.yaml": "radius: 0.1\n",
    // beside no chosen group: still lib's option (`lib=big/c`, as Hydra composes it)
    "lib/big/c.yaml": "seed: 2\n",
  });
  const { plans, problems } = planCompositions({
    configDir: dir,
    configName: "config",
    searchPath: [],
    groups: walkConfTree(dir).groups,
  });
  assert.deepEqual(problems, []);
  const overrides = plans.map((p) => p.overrides.join(" "));
  assert.ok(!overrides.some((o) => o.includes("lib=sim/")), overrides.join(" | "));
  assert.ok(overrides.includes("lib=big/c"), overrides.join(" | "));
  assert.ok(overrides.some((o) => o.includes("lib/sim/agents=rgbd")), overrides.join(" | "));
});
