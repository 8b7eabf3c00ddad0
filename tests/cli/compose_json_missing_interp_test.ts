import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// audiocraft's watermark solver: `sample_rate: ???` and `generate.audio.sample_rate: ${sample_rate}`
const TREE = {
  "conf/config.yaml":
    "sample_rate: ???\ngenerate:\n  audio:\n    sample_rate: ${sample_rate}\n    plain: ???\n",
};

Deno.test("compose --resolve -f json: a value whose interpolation reaches ??? fails, located, as to_container(resolve=True) does", async () => {
  const dir = writeTree(TREE);
  const r = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.stdout, "");
  assert.equal(
    r.stderr,
    "conf/config.yaml:4:18: MissingMandatoryValue while resolving interpolation: Missing mandatory value: sample_rate\n" +
      "    full key: generate.audio.sample_rate\n" +
      "    -f json resolves as the app reads the config, OmegaConf.to_container(cfg, resolve=True), " +
      "which fails on it; YAML --resolve prints ??? there, as Hydra's --cfg job --resolve " +
      "(OmegaConf.resolve) leaves it\n",
  );
});

Deno.test('compose --resolve -f json: a plain ??? stays "???"; YAML --resolve prints ??? for both (OmegaConf.resolve)', async () => {
  const dir = writeTree({ "conf/config.yaml": "sample_rate: ???\ngen:\n  plain: ???\n  n: 1\n" });
  const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), { sample_rate: "???", gen: { plain: "???", n: 1 } });
  const yaml = await strata(["compose", "-d", "conf", "--resolve"], { cwd: writeTree(TREE) });
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.equal(
    yaml.stdout,
    "sample_rate: ???\ngenerate:\n  audio:\n    sample_rate: ???\n    plain: ???\n",
  );
});

Deno.test("compose -p of a value that reaches ??? says -p resolves it and which key to give, not -f json's note", async () => {
  // HALOs' `local_run_dir: ${cache_dir}/${exp_name}` with `exp_name: ???`
  const dir = writeTree({
    "conf/config.yaml": "exp_name: ???\ncache: /c\nlocal_run_dir: ${cache}/${exp_name}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-p", "local_run_dir"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /\n {4}-p local_run_dir resolves the value it prints, as Hydra's OmegaConf\.select does: give exp_name a value \(exp_name=\.\.\.\)\n/,
    );
    assert.doesNotMatch(r.stderr, /-f json/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose -p NODE --resolve -f json: a value under it that reaches ??? fails as to_container(node, resolve=True) does (checker v35)", async () => {
  const dir = writeTree(TREE);
  const r = await strata(["compose", "-d", "conf", "-p", "generate", "--resolve", "-f", "json"], {
    cwd: dir,
  });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.stdout, "");
  assert.match(
    r.stderr,
    /^conf\/config\.yaml:4:18: MissingMandatoryValue while resolving interpolation: Missing mandatory value: sample_rate\n {4}full key: generate\.audio\.sample_rate\n {4}-f json resolves as the app reads the config/,
  );
  // YAML prints ??? there, as OmegaConf.resolve leaves it; without --resolve JSON keeps it written
  const yaml = await strata(["compose", "-d", "conf", "-p", "generate", "--resolve"], { cwd: dir });
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.equal(yaml.stdout, "# @package generate\naudio:\n  sample_rate: ???\n  plain: ???\n");
  const raw = await strata(["compose", "-d", "conf", "-p", "generate", "-f", "json"], { cwd: dir });
  assert.equal(raw.code, 0, raw.stderr);
  assert.deepEqual(JSON.parse(raw.stdout), {
    audio: { sample_rate: "${sample_rate}", plain: "???" },
  });
});
