/**
 * A config one directory down that is a primary of its own directory (its defaults list overrides
 * `hydra/job_logging`, which in an option names the group's own sub-group): the app runs it with
 * `config_path` there, nobody runs `+data_conf=config`. validate does not compose it as that
 * option, so a valid tree passes; the hydra: node's warning says to validate that directory.
 * (amazon-science's efficient-dialogue-state-tracking, checker x15)
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nepochs: 1\n",
  "conf/model/small.yaml": "width: 8\n",
  "conf/data_conf/config.yaml": "defaults:\n  - _self_\n  - serializer: zipped\n" +
    "  - override hydra/hydra_logging: disabled\n  - override hydra/job_logging: disabled\n" +
    "hydra:\n  output_subdir: null\n  run:\n    dir: .\nsep: '<sep>'\n",
  "conf/data_conf/serializer/zipped.yaml": "level: 3\n",
};

Deno.test("validate: a nested primary of its own directory is not composed as +group=config", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /validate that directory too \(-d conf\/data_conf\)/);
    assert.match(r.stderr, /checked as YAML only\): conf\/data_conf\/config\.yaml/);
    // validated as the warning says, it composes
    const own = await validateIn(dir, ["-d", "conf/data_conf"]);
    assert.equal(own.code, 0, own.stdout + own.stderr);
    // an option whose group does have a hydra sub-group is still one
    Deno.mkdirSync(`${dir}/conf/data_conf/hydra/job_logging`, { recursive: true });
    Deno.writeTextFileSync(`${dir}/conf/data_conf/hydra/job_logging/disabled.yaml`, "x: 1\n");
    const sub = await validateIn(dir, ["-d", "conf"]);
    assert.doesNotMatch(sub.stderr, /checked as YAML only\): conf\/data_conf\/config\.yaml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
