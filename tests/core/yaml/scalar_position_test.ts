import assert from "node:assert/strict";
import { blockScalarPosition } from "../../../core/yaml/scalar_position.ts";

const at = (src: string, line: number, col: number, value: string, needle: string) =>
  blockScalarPosition(src, line, col, value, value.indexOf(needle));

Deno.test("blockScalarPosition: a literal block's line and column, past blank lines", () => {
  const src = "a: 1\nscript: |\n  #!/bin/bash\n\n  srun ${nodes} x\nb: 2\n";
  const value = "#!/bin/bash\n\nsrun ${nodes} x\n";
  assert.deepEqual(at(src, 2, 9, value, "${nodes}"), {
    line: 5,
    col: 8,
    text: "srun ${nodes} x",
    start: 5,
  });
});

Deno.test("blockScalarPosition: a folded block, nested, with chomping and an indentation digit", () => {
  const src = "top:\n  fold: >-\n    one ${a}\n    two ${b}\n";
  assert.deepEqual(at(src, 2, 9, "one ${a} two ${b}", "${b}")?.line, 4);
  assert.deepEqual(at(src, 2, 9, "one ${a} two ${b}", "${b}")?.col, 9);
  const digit = "p: |2\n    deep ${zz}\n";
  assert.deepEqual(at(digit, 1, 4, "  deep ${zz}\n", "${zz}"), {
    line: 2,
    col: 10,
    text: "  deep ${zz}",
    start: 7,
  });
  // CRLF line ends
  assert.equal(at("k: |\r\n  x\r\n  y ${q}\r\n", 1, 4, "x\ny ${q}\n", "${q}")?.line, 3);
});

Deno.test("blockScalarPosition: undefined for what is no block scalar or does not read off the file", () => {
  assert.equal(at("k: plain ${x}\n", 1, 4, "plain ${x}", "${x}"), undefined);
  assert.equal(at('k: "a\\n${x}"\n', 1, 4, "a\n${x}", "${x}"), undefined);
  // the file changed since it was read
  assert.equal(at("k: |\n  other\n", 1, 4, "x ${y}\n", "${y}"), undefined);
  assert.equal(blockScalarPosition("k: |\n  a\n", 1, 4, "a\n", 5), undefined);
});
