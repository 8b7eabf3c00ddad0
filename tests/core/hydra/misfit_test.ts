/**
 * HydraConf's field types as OmegaConf 2.2 checks them: the expected messages
 * are python3-omegaconf's, with dataclasses mirroring Hydra 1.3's HydraConf
 * (an override through `OmegaConf.update(cfg, key, value, merge=True)`, a
 * file through `cfg.merge_with`).
 */

import assert from "node:assert/strict";
import { parseOverride } from "../../../override.ts";
import { hydraMisfits, overrideMisfit } from "../../../core/hydra/misfit.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import type { Node } from "../../../core/node.ts";

/** An override's value as strata parses it (`[1]`, `{a: 1}`, `null`). */
function valueOf(text: string): Node {
  const o = parseOverride(`k=${text}`, 0);
  assert.ok(o.value?.kind === "element");
  return o.value.node;
}

Deno.test("overrideMisfit: each HydraConf field type refuses what OmegaConf's update refuses", () => {
  const cases: [string, string, string | undefined, string?][] = [
    ["output_subdir", "[1]", "Cannot convert 'list' to string: '[1]'"],
    ["output_subdir", "null", undefined], // Optional[str]
    ["job.name", "{a: 1}", "Cannot convert 'dict' to string: '{'a': 1}'"],
    ["job.name", "null", "field 'hydra.job.name' is not Optional"],
    ["job.name", "1.5", undefined],
    ["job.config_name", "null", undefined],
    ["job.config_name", "[1]", "Cannot convert 'list' to string: '[1]'"],
    ["run.dir", "[1]", "Cannot convert 'list' to string: '[1]'"],
    ["run.dir", "null", "field 'hydra.run.dir' is not Optional"],
    ["run", "x", "Invalid type assigned: str is not a subclass of RunDir. value: x"],
    ["run", "1.5", "Invalid type assigned: float is not a subclass of RunDir. value: 1.5"],
    ["run", "null", "field 'hydra.run' is not Optional"],
    ["run", "'${x}'", undefined],
    ["run", "{dir: null}", "Incompatible value 'None' for field of type 'str'", "hydra.run.dir"],
    ["job", "{name: [1]}", "Cannot convert 'ListConfig' to string: '[1]'", "hydra.job.name"],
    ["job.num", "[1]", "Value '[1]' of type 'list' could not be converted to Integer"],
    ["job.num", "true", "Value 'True' of type 'bool' could not be converted to Integer"],
    ["job.num", "null", "field 'hydra.job.num' is not Optional"],
    ["job.chdir", "{a: 1}", "Value '{'a': 1}' is not a valid bool (type dict)"],
    ["job.chdir", "1.5", "Value '1.5' is not a valid bool (type float)"],
    ["job.chdir", "null", undefined],
    ["mode", "[1]", "Value [1] (list) is not a valid input for <enum 'RunMode'>"],
    ["mode", "{a: [1]}", "Value {'a': [1]} (dict) is not a valid input for <enum 'RunMode'>"],
    ["job.env_copy", "x", "Invalid value assigned: str is not a ListConfig, list or tuple."],
    ["job.env_copy", "1", "Invalid value assigned: int is not a ListConfig, list or tuple."],
    ["job.env_copy", "null", "field 'hydra.job.env_copy' is not Optional"],
    [
      "job.env_copy",
      "[null]",
      "Invalid type assigned: NoneType is not a subclass of str. value: None",
      "hydra.job.env_copy[0]",
    ],
    ["job.env_copy", "[[1]]", undefined], // OmegaConf 2.2 does not check it
    ["job.env_copy.0", "null", "hydra.job.env_copy[0] is not optional and cannot be assigned None"],
    ["job.env_copy.0", "{a: 1}", "Cannot convert 'dict' to string: '{'a': 1}'"],
    [
      "searchpath",
      "[null]",
      "Invalid type assigned: NoneType is not a subclass of str. value: None",
    ],
    ["job_logging", "x", "Cannot assign str to Dict[str, Any]"],
    ["job_logging", "1", "Cannot assign int to Dict[str, Any]"],
    ["job_logging", "null", "field 'hydra.job_logging' is not Optional"],
    ["callbacks", "x", "Cannot assign str to Dict[str, Any]"],
    ["callbacks", "{a: [1]}", undefined],
    ["runtime.choices", "x", "Cannot assign str to Dict[str, Any]"],
    [
      "runtime.config_sources",
      "[1]",
      "Invalid type assigned: int is not a subclass of ConfigSourceInfo. value: 1",
      "hydra.runtime.config_sources[0]",
    ],
    ["job.env_set", "{A: [1]}", undefined], // merged: OmegaConf 2.2 does not check it
    ["job.env_set", "{A: null}", "field 'hydra.job.env_set.A' is not Optional"],
    ["job.env_set.A", "[1]", "Cannot convert 'list' to string: '[1]'"],
    ["job.env_set.A", "null", "field 'hydra.job.env_set.A' is not Optional"],
    ["job.env_set", "[1]", "Cannot merge DictConfig with ListConfig"],
    ["job.env_copy", "{a: 1}", "Cannot merge DictConfig with ListConfig"],
    ["verbose", "[1]", undefined],
  ];
  for (const [path, text, message, fullKey] of cases) {
    const got = overrideMisfit(path.split("."), valueOf(text));
    assert.equal(got?.message, message, `hydra.${path}=${text}`);
    if (fullKey) assert.equal(got?.fullKey, fullKey, `hydra.${path}=${text}`);
  }
});

Deno.test("hydraMisfits: what a config file merges into the hydra node", () => {
  const cases: [string, string | undefined][] = [
    ["output_subdir: [1]", "Cannot convert 'ListConfig' to string: '[1]'"],
    ["output_subdir: null", undefined],
    ["job: {name: null}", "Incompatible value 'None' for field of type 'str'"],
    ["job: {num: null}", "Incompatible value 'None' for field of type 'int'"],
    ["job: {name: {a: 1}}", "Cannot convert 'DictConfig' to string: '{'a': 1}'"],
    ["job: {env_set: {A: [1]}}", undefined],
    ["job: {env_set: {A: null}}", "field 'hydra.job.env_set.A' is not Optional"],
    ["job: {env_copy: [[1]]}", undefined],
    [
      "job: {env_copy: [null]}",
      "Invalid type assigned: NoneType is not a subclass of str. value: None",
    ],
    ["job: {env_copy: x}", "Invalid value assigned: AnyNode is not a ListConfig, list or tuple."],
    ["job: {env_copy: null}", "field 'hydra.job.env_copy' is not Optional"],
    ["job_logging: x", "Cannot assign str to Dict[str, Any]"],
    ["job_logging: null", "field 'hydra.job_logging' is not Optional"],
    ["job_logging: '${x}'", undefined],
    ["callbacks: {a: null}", undefined],
    ["run: null", "field 'hydra.run' is not Optional"],
    ["run: x", "Merge error: str is not a subclass of RunDir. value: x"],
    ["run: '${x}'", "Merge error: str is not a subclass of RunDir. value: ${x}"],
    ["run: '???'", undefined],
    ["mode: [1]", "Value [1] (ListConfig) is not a valid input for <enum 'RunMode'>"],
    ["job: {chdir: [1]}", "Value '[1]' is not a valid bool (type ListConfig)"],
    [
      "job: {num: {a: 1}}",
      "Value '{'a': 1}' of type 'DictConfig' could not be converted to Integer",
    ],
    ["runtime: {choices: null}", "field 'hydra.runtime.choices' is not Optional"],
    [
      "runtime: {config_sources: [null]}",
      "Invalid type assigned: NoneType is not a subclass of ConfigSourceInfo. value: None",
    ],
    ["overrides: {task: null}", "field 'hydra.overrides.task' is not Optional"],
  ];
  for (const [yaml, message] of cases) {
    assert.equal(hydraMisfits(loadYaml(yaml) as never)[0]?.message, message, yaml);
  }
});
