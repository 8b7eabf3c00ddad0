/**
 * A resolver's arguments are evaluated before the resolver is looked up, as OmegaConf's grammar
 * visitor does: `${evl:${nope}}` is the missing key's InterpolationKeyError, not "Unsupported
 * interpolation type evl"; and a resolver declared opaque still has its arguments checked by
 * compose --resolve (diamond's `${eval:...}`), as validate checks them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: a resolver's arguments fail before an unknown resolver's name does", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: 2\nx: ${evl:${nope}}\n",
    "conf/known_args.yaml": "a: 2\nx: ${evl:${a}}\n",
  });
  const args = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(args.code, 1);
  assertNoStackTrace(args.stderr);
  // at the ${nope} inside the resolver's arguments
  assert.match(args.stderr, /^conf\/config\.yaml:2:10: Interpolation key 'nope' not found\n/);
  const name = await strata(["compose", "-n", "known_args", "--resolve"], { cwd: dir });
  assert.equal(name.code, 1);
  assert.match(name.stderr, /^conf\/known_args\.yaml:2:4: Unsupported interpolation type evl\n/);
  // declared opaque: kept as written when its arguments resolve, their error when they do not
  await Deno.writeTextFile(`${dir}/.strata.yaml`, "resolvers:\n  opaque: [evl]\n");
  const kept = await strata(["compose", "-n", "known_args", "--resolve"], { cwd: dir });
  assert.equal(kept.code, 0, kept.stderr);
  assert.equal(kept.stdout, "a: 2\nx: ${evl:${a}}\n");
  const checked = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(checked.code, 1);
  assert.match(checked.stderr, /Interpolation key 'nope' not found/);
  Deno.removeSync(dir, { recursive: true });
});
