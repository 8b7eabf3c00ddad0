/**
 * U+2028 and U+2029 as PyYAML 6 (OmegaConf.create / OmegaConf.load) reads
 * them: line breaks everywhere, kept as themselves where a scalar folds its
 * lines. Every expected value below is what python3-omegaconf 2.2.2 (PyYAML
 * 6.0) gave for the same text; NEL (U+0085) folds as a `\n`.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { readFast } from "../../../core/yaml/fast.ts";
import { toContainer } from "../../../core/container.ts";
import { canonicalKey, originOf } from "../../../core/node.ts";
import { thrown } from "./_util.ts";

const LS = "\u2028", PS = "\u2029";

/** The text read by both readers, which must agree. */
function read(text: string): unknown {
  const auto = toContainer(loadYaml(text, { file: "c.yaml" }));
  assert.deepEqual(toContainer(loadYaml(text, { file: "c.yaml", reader: "full" })), auto);
  return auto;
}

Deno.test("U+2028/U+2029 end a comment, a line, a plain value: what follows is read, as PyYAML does", () => {
  for (const b of [LS, PS]) {
    assert.deepEqual(read(`a: 1 # c${b}b: 2\n`), { a: 1, b: 2 });
    assert.deepEqual(read(`# c${b}a: 1\n`), { a: 1 });
    assert.deepEqual(read(`a: 1${b}b: 2\n`), { a: 1, b: 2 });
    assert.deepEqual(read(`a:${b} 1\n`), { a: 1 });
    assert.deepEqual(read(`a: [1,${b}2]\n`), { a: [1, 2] });
    assert.deepEqual(read(`a: x${b}\nb: 1\n`), { a: "x", b: 1 });
    assert.deepEqual(read(`a:\n- 1${b}- 2\n`), { a: [1, 2] });
  }
});

Deno.test("U+2028/U+2029 in a folded plain or quoted value stay, the spaces around them go (PyYAML)", () => {
  for (const b of [LS, PS]) {
    assert.deepEqual(read(`a: x${b} y\nb: 1\n`), { a: `x${b}y`, b: 1 });
    assert.deepEqual(read(`a: "x${b}y"\n`), { a: `x${b}y` });
    assert.deepEqual(read(`a: "x ${b} y"\n`), { a: `x${b}y` });
    assert.deepEqual(read(`a: 'x ${b} y'\n`), { a: `x${b}y` });
    assert.deepEqual(read(`a: 'it''s${b}\n  y'\n`), { a: `it's${b}\ny` });
  }
  assert.deepEqual(read(`a: 'x\n${LS}  y'\n`), { a: `x${LS}y` });
  assert.deepEqual(read(`a: "x\\${LS}  y"\n`), { a: "xy" });
  assert.deepEqual(read(`a: "x\\t${LS} y"\n`), { a: `x\t${LS}y` });
  assert.deepEqual(read(`a: "\\u2028 ${LS} z"\n`), { a: `${LS}${LS}z` });
  assert.deepEqual(read(`a: [x${LS} y, 'p${LS} q']\n`), { a: [`x${LS}y`, `p${LS}q`] });
  assert.deepEqual(read(`a: &r 'x${LS} y'\nb: *r\n`), { a: `x${LS}y`, b: `x${LS}y` });
  assert.deepEqual(read(`a: !!str x${LS}  y\n`), { a: `x${LS}y` });
  // the escapes \L \P \N are those characters, never breaks
  assert.deepEqual(read('a: "x\\Ly"\nb: "x\\Py"\nc: "x\\Ny"\nd: "x\\L  y"\n'), {
    a: `x${LS}y`,
    b: `x${PS}y`,
    c: "x\x85y",
    d: `x${LS}  y`,
  });
  // NEL is a break PyYAML folds as a \n
  assert.deepEqual(read('a: "x\x85y"\nb: x\x85 y\n'), { a: "x y", b: "x y" });
});

Deno.test("U+2028/U+2029 in block scalars: literal keeps them, folded never folds them (PyYAML)", () => {
  assert.deepEqual(read(`a: |\n  x${LS}  y\n`), { a: `x${LS}y\n` });
  assert.deepEqual(read(`a: >\n  x${LS}  y\n  z\n`), { a: `x${LS}y z\n` });
  assert.deepEqual(read(`a: >\n  x\n${LS}  y\n`), { a: `x${LS}y\n` });
  assert.deepEqual(read(`a: >\n  x${LS}   y\n  z\n`), { a: `x${LS} y\nz\n` });
  assert.deepEqual(read(`a: |-\n  x${LS}`), { a: "x" });
  assert.deepEqual(read(`a: |+\n  x${LS}${LS}`), { a: `x${LS}${LS}` });
  assert.deepEqual(read(`a: |\n  x${LS}`), { a: `x${LS}` });
  assert.deepEqual(read(`a: | # c${LS}  x\n`), { a: "x\n" });
  assert.deepEqual(read(`a: |2\n   x${LS}   y\n`), { a: ` x${LS} y\n` });
  assert.deepEqual(read(`- >\n  a${LS}  b\n`), [`a${LS}b\n`]);
  assert.deepEqual(read(`a: |\n${LS}  x\n`), { a: `${LS}x\n` });
  assert.deepEqual(read(`b:\n  a: >\n    p${LS}    q\n    r\n  c: 1\n`), {
    b: { a: `p${LS}q r\n`, c: 1 },
  });
});

Deno.test("U+2028/U+2029: what PyYAML refuses is refused, at PyYAML's line (they count as lines)", () => {
  for (const text of [`a: x${LS}y\n`, `x${LS}y: 1\n`, `a: |\n  x${LS}y\n  z\n`, `a: ${PS}1\n`]) {
    assert.equal(thrown(() => loadYaml(text)).code, "yaml-syntax", JSON.stringify(text));
  }
  // PyYAML: "line 2, column 1", "line 2, column 2", and the stream's end "line 4, column 1"
  assert.deepEqual(thrown(() => loadYaml(`a: x${LS}y\n`, { file: "c.yaml" })).origin, {
    file: "c.yaml",
    line: 2,
    col: 1,
  });
  assert.deepEqual(thrown(() => loadYaml(`x${PS}y: 1\n`, { file: "c.yaml" })).origin, {
    file: "c.yaml",
    line: 2,
    col: 2,
  });
  const e = thrown(() => loadYaml(`a: 1${LS}b: 2${PS}c: [\n`, { file: "c.yaml" }));
  assert.deepEqual(e.origin, { file: "c.yaml", line: 3, col: 4 });
  assert.match(e.message, /\(at 4:1\)$/);
  const cfg = loadYaml(`a: 1${LS}b: 2\n`, { file: "c.yaml" });
  assert.equal(
    cfg.kind === "dict" && originOf(cfg.entries.get(canonicalKey("b"))!.node.origin)?.line,
    2,
  );
});

Deno.test("the fast reader leaves a text with U+2028/U+2029 to the full reader", () => {
  assert.equal(readFast(`a: 'x${LS}y'\n`, "c.yaml"), undefined);
  assert.notEqual(readFast("a: 'x\\Ly'\n", "c.yaml"), undefined);
});
