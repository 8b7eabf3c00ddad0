import assert from "node:assert/strict";
import { selectCfg } from "../../cli/show.ts";
import { compose } from "../../core/compose/compose.ts";
import { canonicalKey, type Node } from "../../core/node.ts";
import { toYaml } from "../../core/yaml/emit.ts";

function child(n: Node, key: string): Node | undefined {
  return n.kind === "dict" ? n.entries.get(canonicalKey(key))?.node : undefined;
}

function composeText(text: string) {
  const conf = Deno.makeTempDirSync({ prefix: "strata_show_opaque_" });
  Deno.writeTextFileSync(`${conf}/config.yaml`, text);
  try {
    return compose({ configDir: conf, configName: "config" });
  } finally {
    Deno.removeSync(conf, { recursive: true });
  }
}

// Hydra's python_version is always opaque (no .strata.yaml needed); a config that
// does not call it must still be resolved in place, as before: the lenient path
// copies the whole tree, which a 10^5-leaf compose paid in time and memory.
Deno.test("compose --resolve of a config that calls no opaque resolver resolves in place", () => {
  const c = composeText("a:\n  b: 1\n  c: 2\nd: ${a.b}\n");
  const plain = child(c.config, "a");
  const shown = selectCfg(c, { cfg: "job", resolve: true, opaque: ["python_version"] });
  assert.equal(
    child(shown.node, "a"),
    plain,
    "the subtree without interpolations is taken, not copied",
  );
  assert.equal(toYaml(shown.node), "a:\n  b: 1\n  c: 2\nd: 1\n");
});

Deno.test("compose --resolve of a config calling python_version keeps that value as written", () => {
  const c = composeText("a: 1\nv: py${python_version:minor}\nb: ${a}\n");
  const kept: string[] = [];
  const shown = selectCfg(c, {
    cfg: "job",
    resolve: true,
    opaque: ["python_version"],
    onOpaque: (u, name) => kept.push(`${u.key}:${name}`),
  });
  assert.equal(toYaml(shown.node), "a: 1\nv: py${python_version:minor}\nb: 1\n");
  assert.deepEqual(kept, ["v:python_version"]);
});
