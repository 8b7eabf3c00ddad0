/**
 * STRATA_MAX_ALIAS_NODES: the alias copy limits of a YAML file, raised (or
 * lowered) for a run; a bad value is bad usage before any config is read.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

/**
 * Lists nested five deep through aliases (`b: &b [*a, ...]`, ...): `f`'s ten
 * copies of `e` are ~1.1·10^6 nodes that are copies themselves, past the
 * default limit of 10^6 (a fifth of the default 5·10^6 nodes).
 */
function nestedAliases(): string {
  const names = "abcde";
  let text = `a: &a [${Array(10).fill("1").join(", ")}]\n`;
  for (let i = 1; i < names.length; i++) {
    text += `${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(", ")}]\n`;
  }
  return text + `f: [${Array(10).fill("*e").join(", ")}]\n`;
}

Deno.test("STRATA_MAX_ALIAS_NODES raises the alias limits a big anchored file crosses; the error says so", async () => {
  const dir = await confTree({ "conf/config.yaml": nestedAliases() });
  try {
    const args = ["compose", "-d", "conf", "-p", "a", "-f", "json"];
    const refused = await strata(args, { cwd: dir });
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      "conf/config.yaml:6:33: aliases copy more than 1000000 nodes that are copies themselves in " +
        "this file (the limit): '*e' (anchor at 5:4) copies 111110 more after 901070: aliases " +
        'inside an anchored node are copied with it, so they multiply ("billion laughs"); set ' +
        "STRATA_MAX_ALIAS_NODES to raise it (now 5000000, this limit a fifth of it)\n" +
        "    full key: f[7]\n",
    );
    const env = { STRATA_MAX_ALIAS_NODES: "10000000" };
    const raised = await strata(args, { cwd: dir, env });
    assert.equal(raised.code, 0, raised.stderr);
    assert.deepEqual(JSON.parse(raised.stdout), Array(10).fill(1));
    const validated = await strata(["validate", "-d", "conf"], { cwd: dir, env });
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("STRATA_MAX_ALIAS_NODES lowers the limits too, the nodes limit at the value given", async () => {
  const dir = await confTree({ "conf/config.yaml": "l: &l [1, 2, 3, 4]\nm: [*l, *l]\nn: *l\n" });
  try {
    const ok = await strata(["compose", "-d", "conf", "-f", "json"], {
      cwd: dir,
      env: { STRATA_MAX_ALIAS_NODES: "15" },
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).n, [1, 2, 3, 4]);
    const r = await strata(["compose", "-d", "conf"], {
      cwd: dir,
      env: { STRATA_MAX_ALIAS_NODES: "14" },
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/config.yaml:3:4: aliases copy more than 14 nodes in this file (the limit): '*l' " +
        "(anchor at 1:4) copies 5 more after 10: each alias is a full copy of its anchor's node; " +
        "set STRATA_MAX_ALIAS_NODES to raise it (now 14)\n    full key: n\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("STRATA_MAX_ALIAS_NODES: a value that is no whole number of nodes is bad usage (exit 2); empty is unset", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (const bad of ["2M", "0", "-1", "1e7", " 5", "9007199254740992", "abc"]) {
      const r = await strata(["compose", "-d", "conf"], {
        cwd: dir,
        env: { STRATA_MAX_ALIAS_NODES: bad },
      });
      assert.equal(r.code, 2, bad);
      assert.equal(
        r.stderr,
        `STRATA_MAX_ALIAS_NODES='${bad}': expected a whole number of nodes, at least 1 ` +
          "(the default is 5000000)\n",
        bad,
      );
      assertNoStackTrace(r.stderr);
    }
    const empty = await strata(["compose", "-d", "conf"], {
      cwd: dir,
      env: { STRATA_MAX_ALIAS_NODES: "" },
    });
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout, "a: 1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
