/**
 * A user copies an example from mod.ts's documentation (`deno doc mod.ts`)
 * into a program that imports strata's entry point: every example of what
 * mod.ts exports may import only mod.ts (relative to the file the example is
 * in), and only names mod.ts exports.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url);
const IMPORT = /^\s*import\s+(?:type\s+)?(?:\{([^}]*)\}|\w+)\s+from\s+["']([^"']+)["']/gm;

interface Example {
  where: string;
  file: string;
  doc: string;
}

/** Every `@example` in a `deno doc --json` tree, with the file declaring it. */
function examples(node: unknown, where: string, file: string, out: Example[]): Example[] {
  if (Array.isArray(node)) {
    for (const n of node) examples(n, where, file, out);
    return out;
  }
  if (node === null || typeof node !== "object") return out;
  const o = node as Record<string, unknown>;
  const at = (o.location as { filename?: string } | undefined)?.filename ?? file;
  const name = typeof o.name === "string" ? `${where}${where ? "." : ""}${o.name}` : where;
  const tags = (o.jsDoc as { tags?: { kind: string; doc?: string }[] } | undefined)?.tags ?? [];
  for (const t of tags) {
    if (t.kind === "example") out.push({ where: name, file: at, doc: t.doc ?? "" });
  }
  for (const [k, v] of Object.entries(o)) {
    if (k !== "jsDoc" && k !== "location") examples(v, name, at, out);
  }
  return out;
}

Deno.test("the examples of mod.ts's exports import only mod.ts and what it exports", async () => {
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: root.pathname,
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.equal(code, 0);
  const doc = JSON.parse(new TextDecoder().decode(stdout));
  const mod = new URL("mod.ts", root).href;
  const { module_doc, symbols } = doc.nodes[mod] as {
    module_doc: unknown;
    symbols: { name: string }[];
  };
  const exported = new Set(symbols.map((s) => s.name));
  const found = examples(
    [{ jsDoc: module_doc, location: { filename: mod } }, symbols],
    "",
    mod,
    [],
  );
  assert.ok(found.length > 20, `only ${found.length} examples found`);
  const bad: string[] = [];
  for (const { where, file, doc } of found) {
    for (const m of doc.matchAll(IMPORT)) {
      const spec = m[2];
      if (/^(node|npm|jsr):/.test(spec)) continue;
      if (new URL(spec, file).href !== mod) bad.push(`${where}: from "${spec}"`);
      const names = (m[1] ?? "").split(",").map((n) => n.trim().replace(/^type\s+/, ""));
      for (const n of names) if (n && !exported.has(n)) bad.push(`${where}: ${n} (not in mod.ts)`);
    }
  }
  assert.deepEqual(bad, []);
});
