/**
 * A config file of 8 MiB or more is read lazily (core/lazy.ts): its
 * subtrees stay text until used. Through the CLI it must compose, override,
 * resolve and fail exactly as an eagerly read file does.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { toYaml } from "../../core/yaml/emit.ts";
import { toJson } from "../../core/container.ts";
import { resolveTree } from "../../core/resolve/resolve.ts";
import { isUnread } from "../../core/lazy.ts";

/** ~9 MiB: sections of mixed leaves, a few with interpolations into other sections. */
function bigText(bad = ""): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < 9 * 1024 * 1024; i++) {
    const s = `s${i}:\n  idx: ${i}\n  lr: 0.${i % 97}5\n  name: 'run ${i}'\n` +
      `  on: yes\n  list:\n  - ${i}e-3\n  - x${i}\n  deep:\n    a: null\n    b: "q ${i}"\n` +
      (i % 1000 === 7 ? `  ref: \${s${i - 1}.idx}\n  msg: n=\${.idx}\n` : "") +
      (i === 4321 ? bad : "");
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

Deno.test("CLI: a 9 MiB config composes, resolves and writes JSON as when read eagerly", async () => {
  const text = bigText();
  const dir = await confTree({ "config.yaml": text });
  const eager = loadYaml(text, { lazy: false });
  const yaml = await strata(["compose", "-d", dir]);
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.equal(yaml.stdout, toYaml(eager));
  const json = await strata(["compose", "-d", dir, "-f", "json"]);
  assert.equal(json.stdout, toJson(eager, 2) + "\n");
  const resolved = await strata(["compose", "-d", dir, "--resolve", "s2006.idx=-1"]);
  assert.equal(resolved.code, 0, resolved.stderr);
  const want = loadYaml(text, { lazy: false });
  if (want.kind === "dict") {
    const s2006 = want.entries.get("s2006")!.node;
    if (s2006.kind === "dict") {
      s2006.entries.get("idx")!.node = { kind: "value", type: "int", value: -1 };
    }
  }
  assert.equal(resolved.stdout, toYaml(resolveTree(want)));
  const s2007 = resolved.stdout.slice(
    resolved.stdout.indexOf("\ns2007:\n"),
    resolved.stdout.indexOf("\ns2008:\n"),
  );
  assert.match(s2007, /\n {2}ref: -1\n {2}msg: n=2007$/);
});

Deno.test("CLI: an error deep in a 9 MiB config is located as in a small one", async () => {
  const dir = await confTree({ "config.yaml": bigText("  bad: ${oops\n") });
  const r = await strata(["compose", "-d", dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assertNoStackTrace(r.stderr);
  const line = bigText("  bad: ${oops\n").split("\n").indexOf("  bad: ${oops") + 1;
  assert.match(r.stderr, new RegExp(`config\\.yaml:${line}:8: .*\\n *full key: s4321\\.bad`));
  const unknown = await strata(["compose", "-d", dir.replace(/$/, ""), "s4321.nope=1"]);
  assert.equal(unknown.code, 1);
});

/** ~9 MiB of one `model` mapping as JSON writes it, or as PyYAML wraps long strings. */
function bigModel(style: "json" | "pyyaml"): string {
  const layers: string[] = [];
  const words = "a long description of this layer that goes on past eighty columns so it wraps";
  for (let i = 0, size = 0; size < 9 * 1024 * 1024; i++) {
    const ref = i % 100 === 1 ? "${model.l0.units}" : null;
    const s = style === "json"
      ? `    "l${i}": {"units": ${i}, "lr": 1e-0${i % 9}, "on": true, "tags": ["a", "b c"], ` +
        `"about": "${words}", "ref": ${ref === null ? "null" : `"${ref}"`}, "empty": {}}`
      : `  l${i}:\n    units: ${i}\n    lr: 1.0e-0${i % 9}\n    tags:\n    - a\n    - b c\n` +
        `    about: ${words.slice(0, 60)}\n      ${words.slice(61)}\n` +
        `    note: 'it''s: ${words.slice(0, 60)}\n      ${words.slice(61)}'\n    ref: ${ref}\n`;
    layers.push(s);
    size += s.length;
  }
  return style === "json"
    ? `{\n  "model": {\n${layers.join(",\n")}\n  }\n}\n`
    : `model:\n${layers.join("")}`;
}

for (const style of ["json", "pyyaml"] as const) {
  Deno.test(`CLI: a 9 MiB config written as ${style} composes and resolves as when read eagerly`, async () => {
    const text = bigModel(style);
    const dir = await confTree({ "config.yaml": text });
    const eager = loadYaml(text, { lazy: false });
    const yaml = await strata(["compose", "-d", dir]);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.equal(yaml.stdout, toYaml(eager));
    const resolved = await strata(["compose", "-d", dir, "--resolve", "-f", "json"]);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.equal(resolved.stdout, toJson(resolveTree(eager), 2) + "\n");
    assert.match(resolved.stdout, /"l101": \{\n {6}"units": 101,[^}]*"ref": 0[,\n]/);
    // the fast reader read it (npm:yaml would give the same output, 10x slower)
    const lazy = loadYaml(text);
    assert.ok(lazy.kind === "dict" && isUnread(lazy.entries.get("model")!.node));
  });
}

Deno.test("CLI: in a 9 MiB config, a lazy flow collection after an emoji is located in code points", async () => {
  // PyYAML counts columns in characters: 😀 is one column, not JavaScript's two UTF-16 units
  const pad = "x".repeat(70);
  const head = `c: {😀: {y: ${pad}}, z: [😀😀, {w: ${pad}}]}\n`;
  const rest = Array.from({ length: 560_000 }, (_, i) => `s${i}: [1, 2]\n`).join("");
  const dir = await confTree({ "config.yaml": head + rest });
  try {
    const r = await strata(["explain", "-d", dir, "c.z[1]"]);
    assert.equal(r.code, 0, r.stderr);
    // `{w:` is the 93rd character of line 1 (an eager read says the same)
    assert.match(r.stdout, /^ {2}1\. config: \{"w": "x+"\} {2}\(.*config\.yaml:1:93\)$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
