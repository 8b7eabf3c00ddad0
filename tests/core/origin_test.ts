/**
 * Packed node origins (core/origin.ts): a file position in one Smi round-trips
 * through originOf; what does not fit (a long line number, a wide column, a
 * full file table) is an ordinary Origin object with the same position.
 */

import assert from "node:assert/strict";
import { FILE_IDS, fileId, packOrigin } from "../../core/origin.ts";
import { type Node, originOf } from "../../core/node.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { isStrataError, renderError } from "../../core/errors.ts";
import { resolveTree } from "../../core/resolve/resolve.ts";

const SMI_MIN = -(2 ** 30);
const SMI_MAX = 2 ** 30 - 1;

Deno.test("origin: a packed origin round-trips its file, line and column", () => {
  const files = ["conf/config.yaml", "conf/db/mysql.yaml", "/abs/päth/x.yaml", ""];
  for (const file of files) {
    const id = fileId(file);
    assert.ok(id >= 0 && id < FILE_IDS);
    assert.equal(fileId(file), id, "interned: the same name, the same id");
    for (
      const [line, col] of [[1, 1], [1, 63], [16384, 1], [131071, 1], [131071, 63], [300, 42]]
    ) {
      const o = packOrigin(id, file, line, col);
      if (typeof o !== "number") assert.fail(`${file}:${line}:${col} is not packed`);
      assert.ok(Number.isInteger(o) && o !== 0 && o >= SMI_MIN && o <= SMI_MAX, "a non-zero Smi");
      assert.deepEqual(originOf(o), { file, line, col });
    }
  }
});

Deno.test("origin: a line or column that does not fit is an Origin object", () => {
  const id = fileId("c.yaml");
  for (const [line, col] of [[131072, 1], [1, 64], [100000, 5000]]) {
    const o = packOrigin(id, "c.yaml", line, col);
    assert.equal(typeof o, "object");
    assert.deepEqual(originOf(o), { file: "c.yaml", line, col });
  }
  assert.deepEqual(packOrigin(-1, "c.yaml", 2, 3), { file: "c.yaml", line: 2, col: 3 });
  assert.equal(originOf(undefined), undefined);
  const obj = { override: 0, text: "a=1" };
  assert.equal(originOf(obj), obj, "an object is returned as it is");
});

/** Every node of a tree with its origin, packed or not, decoded. */
function origins(n: Node, out: [string, unknown][] = [], key = ""): [string, unknown][] {
  out.push([key, originOf(n.origin)]);
  if (n.kind === "dict") {
    for (const e of n.entries.values()) origins(e.node, out, `${key}.${e.key}`);
  }
  if (n.kind === "list") n.items.forEach((x, i) => origins(x, out, `${key}[${i}]`));
  return out;
}

Deno.test("origin: the fast reader's nodes carry packed origins, the same positions as the full reader", () => {
  const text = "a: 1\nb:\n  c: [x, {d: 2}]\n  e:\n    - f: 'q'\n";
  const fast = loadYaml(text, { file: "conf/p.yaml" });
  const full = loadYaml(text, { file: "conf/p.yaml", reader: "full" });
  const c = fast.kind === "dict" ? fast.entries.get("b")!.node : fast;
  assert.equal(typeof c.origin, "number", "no object per node");
  assert.deepEqual(originOf(c.origin), { file: "conf/p.yaml", line: 3, col: 3 });
  assert.deepEqual(origins(fast), origins(full));
});

Deno.test("origin: past line 131071 or column 63 the fast reader makes objects, at the exact place", () => {
  const wide = "w".repeat(70);
  const text = Array.from({ length: 131072 }, (_, i) => `k${i}: ${i}`).join("\n") +
    `\n${wide}: v\n`;
  const cfg = loadYaml(text, { file: "big.yaml", lazy: false });
  assert.equal(cfg.kind, "dict");
  if (cfg.kind !== "dict") return;
  const at = (k: string) => cfg.entries.get(k)!.node.origin;
  assert.equal(typeof at("k16383"), "number", "a 10^5-line file packs");
  assert.equal(typeof at("k131070"), "number");
  assert.deepEqual(originOf(at("k131070")), { file: "big.yaml", line: 131071, col: 10 });
  assert.equal(typeof at("k131071"), "object");
  assert.deepEqual(originOf(at("k131071")), { file: "big.yaml", line: 131072, col: 10 });
  assert.deepEqual(originOf(at(wide)), { file: "big.yaml", line: 131073, col: 73 });
  // a file of the late ids (bit 30 set: a negative Smi) decodes the same
  for (let i = 0; fileId(`pad${i}.yaml`) < FILE_IDS / 2; i++);
  const late = loadYaml("a: [1, 2]\n", { file: "late.yaml" });
  if (late.kind === "dict") {
    assert.ok((late.entries.get("a")!.node.origin as number) < 0, "a negative Smi");
    assert.deepEqual(originOf(late.entries.get("a")!.node.origin), {
      file: "late.yaml",
      line: 1,
      col: 4,
    });
  }
});

Deno.test("origin: errors carry decoded origins (a packed one never reaches a user)", () => {
  const cfg = loadYaml("a:\n  b: 1\n  c: ${a.nope}\n", { file: "conf/e.yaml" });
  try {
    resolveTree(cfg);
    assert.fail("resolves");
  } catch (e) {
    assert.ok(isStrataError(e));
    assert.deepEqual(e.origin, { file: "conf/e.yaml", line: 3, col: 6 });
    assert.match(renderError(e), /^conf\/e\.yaml:3:6: /);
  }
});

Deno.test("origin: a full file table gives objects for new files, packed ones for known files", async () => {
  // the table is module-level: filled in a process of its own
  const url = (p: string) => new URL(p, import.meta.url).href;
  const script = `
    import { FILE_IDS, fileId } from "${url("../../core/origin.ts")}";
    import { originOf } from "${url("../../core/node.ts")}";
    import { loadYaml } from "${url("../../core/yaml/load.ts")}";
    const known = loadYaml("a: 1\\n", { file: "known.yaml" });
    for (let i = 0; fileId("f" + i) !== -1; i++);
    const before = loadYaml("x:\\n  y: 2\\n", { file: "known.yaml" });
    const after = loadYaml("x:\\n  y: 2\\n", { file: "new.yaml" });
    const y = (c) => c.entries.get("x").node.entries.get("y").node.origin;
    console.log(JSON.stringify({
      ids: FILE_IDS,
      full: fileId("other.yaml"),
      knownType: typeof known.entries.get("a").node.origin,
      beforeType: typeof y(before),
      before: originOf(y(before)),
      afterType: typeof y(after),
      after: originOf(y(after)),
    }));
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-check", "--ext=js", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  assert.equal(r.ids, 256);
  assert.equal(r.full, -1, "a full table takes no new name: bounded in a long-running process");
  assert.equal(r.knownType, "number");
  assert.equal(r.beforeType, "number", "a file already in the table still packs");
  assert.deepEqual(r.before, { file: "known.yaml", line: 2, col: 6 });
  assert.equal(r.afterType, "object", "a new file once the table is full: objects");
  assert.deepEqual(r.after, { file: "new.yaml", line: 2, col: 6 });
});
