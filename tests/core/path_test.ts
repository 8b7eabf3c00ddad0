/**
 * core/path.ts gives node:path's POSIX results on any path: random paths of
 * slashes, dots, `..`, backslashes, spaces and names, absolute and relative.
 */

import assert from "node:assert/strict";
import * as node from "node:path";
import fc from "../_fast_check.ts";
import * as ours from "../../core/path.ts";

const piece = fc.constantFrom("/", "//", ".", "..", "...", "a", "bc", "\\", " ", ".a", "a.");
const path = fc.array(piece, { maxLength: 8 }).map((ps) => ps.join(""));
const paths = fc.array(path, { maxLength: 4 });

Deno.test("normalize, isAbsolute and dirname agree with node:path", () => {
  fc.assert(
    fc.property(path, (p) => {
      assert.equal(ours.normalize(p), node.normalize(p), `normalize(${JSON.stringify(p)})`);
      assert.equal(ours.isAbsolute(p), node.isAbsolute(p), `isAbsolute(${JSON.stringify(p)})`);
      assert.equal(ours.dirname(p), node.dirname(p), `dirname(${JSON.stringify(p)})`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("join and resolve agree with node:path", () => {
  fc.assert(
    fc.property(paths, (ps) => {
      assert.equal(ours.join(...ps), node.join(...ps), `join(${JSON.stringify(ps)})`);
      assert.equal(ours.resolve(...ps), node.resolve(...ps), `resolve(${JSON.stringify(ps)})`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("basename and delimiter agree with node:path", () => {
  fc.assert(
    fc.property(path, (p) => {
      assert.equal(ours.basename(p), node.basename(p), `basename(${JSON.stringify(p)})`);
    }),
    { numRuns: 3000 },
  );
  assert.equal(ours.delimiter, node.delimiter);
});

Deno.test("relative agrees with node:path", () => {
  fc.assert(
    fc.property(path, path, (a, b) => {
      assert.equal(ours.relative(a, b), node.relative(a, b), `relative(${a}, ${b})`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("the edge cases node:path documents", () => {
  for (const p of ["", "/", "//", "///", "//a", "a//b", "/a/", "a/", ".", "..", "./", "../"]) {
    assert.equal(ours.dirname(p), node.dirname(p), `dirname(${JSON.stringify(p)})`);
    assert.equal(ours.normalize(p), node.normalize(p), `normalize(${JSON.stringify(p)})`);
    assert.equal(ours.basename(p), node.basename(p), `basename(${JSON.stringify(p)})`);
  }
  assert.equal(ours.join(), node.join());
  assert.equal(ours.resolve(), node.resolve());
  assert.equal(ours.relative("", ""), node.relative("", ""));
});
