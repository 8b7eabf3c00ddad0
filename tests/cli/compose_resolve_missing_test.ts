// `compose --resolve` (Hydra's `--cfg job --resolve`) shows what Hydra's show_cfg prints:
// OmegaConf.resolve then to_yaml, where a value whose interpolation reaches a `???` becomes `???`
// (expected text from python3-omegaconf's OmegaConf.resolve).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: a value that reaches a ??? is shown ???, as Hydra's --cfg job --resolve", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "data: ???\ntrain: ${data}/train\nk: 1\nm: ${k}\nz:\n  w: ${data}\nlist: ['${k}', '${data}']\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "data: ???\ntrain: ???\nk: 1\nm: 1\nz:\n  w: ???\nlist:\n- 1\n- ???\n",
    );
    // -f json is to_container(resolve=True)'s, which raises InterpolationToMissingValueError
    const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 1, json.stdout);
    assert.match(
      json.stderr,
      /^conf\/config.yaml:2:8: MissingMandatoryValue while resolving interpolation: Missing mandatory value: data\n {4}full key: train\n/,
    );
    // any other failure is still the error it was
    const bad = await strata(["compose", "-d", "conf", "--resolve", "+x=${nope}"], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Interpolation key 'nope' not found/);
    assertNoStackTrace(bad.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a ??? reached inside a resolver's result or a container it points at, as OmegaConf.resolve", async () => {
  // OmegaConf.resolve walks in key order, in place: `later` reads d.y once it was set to ???
  // (oc.select's default), `first` before (???). Texts from python3-omegaconf.
  const dir = await confTree({
    "conf/config.yaml": "first: ${oc.select:d.y,3}\nmissing: ???\nd:\n  x: 1\n  y: ${missing}\n" +
      "vals: ${oc.dict.values:d}\ncopy: ${d}\nlater: ${oc.select:d.y,3}\n" +
      "e:\n  q:\n    r: ${missing}\nnested: ${oc.dict.values:e}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "first: ???\nmissing: ???\nd:\n  x: 1\n  'y': ???\nvals:\n- 1\n- ???\ncopy:\n  x: 1\n  'y': ???\n" +
        "later: 3\ne:\n  q:\n    r: ???\nnested:\n- r: ???\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
