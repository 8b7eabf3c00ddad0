/**
 * Configs and overrides are untrusted (README "Security"): a key or an override holding an ESC
 * or a CR would otherwise reach the terminal or a CI log raw through an error or a warning,
 * recolouring or rewriting its lines. Every command shows them escaped, as validate does
 * (Python's repr()), and a newline in an override stays on its line.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// deno-lint-ignore no-control-regex
const RAW = /[\x00-\x08\x0b-\x1f\x7f]/;

Deno.test("errors and warnings: control characters of keys and overrides are shown escaped", async () => {
  const dir = writeTree({ "conf/config.yaml": '"red\\e[31mkey": ${nope}\nx: 1\n' });
  try {
    const key = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(key.code, 1);
    assert.doesNotMatch(key.stderr, RAW);
    assert.match(key.stderr, /full key: red\\x1b\[31mkey\n/);

    const esc = await strata(["compose", "-d", "conf", "x=a\x1b[31mRED"], { cwd: dir });
    assert.equal(esc.code, 2);
    assert.doesNotMatch(esc.stderr, RAW);
    assert.match(esc.stderr, /^override #1 'x=a\\x1b\[31mRED': /);
    // the caret still under the character it marks
    assert.match(esc.stderr, /\n {4}x=a\\x1b\[31mRED\n {7}\^{4}\n/);

    const nl = await strata(["compose", "-d", "conf", "x=[1,\n2"], { cwd: dir });
    assert.equal(nl.code, 2);
    assert.equal(nl.stderr.split("\n")[0].startsWith("override #1 'x=[1,\\n2': "), true);
    assert.equal(nl.stderr.trimEnd().split("\n").length, 3, nl.stderr); // message, text, caret

    const warned = await strata(["compose", "-d", "conf", "+x\ry=1"], { cwd: dir });
    assert.doesNotMatch(warned.stderr, RAW);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
