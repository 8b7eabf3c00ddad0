/**
 * Every module loads on its own, first, in a fresh process: an import cycle
 * that touches a binding before its module finished loading (a TDZ
 * ReferenceError) would otherwise only show for callers that import modules in
 * an unlucky order.
 */

import assert from "node:assert/strict";

const root = new URL("../", import.meta.url).pathname;

function modules(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(root + dir)) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory && dir !== "asm") out.push(...modules(rel));
    else if (e.isFile && e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

Deno.test("every module of core/, asm/ and cli/ loads first without an import-cycle error", async () => {
  const all = [
    ...modules("core"),
    ...modules("asm"),
    ...modules("cli"),
    "mod.ts",
    "override.ts",
    "ops.ts",
    "engine.ts",
  ].sort();
  const failures: string[] = [];
  for (let i = 0; i < all.length; i += 8) {
    await Promise.all(
      all.slice(i, i + 8).map(async (m) => {
        const { code, stderr } = await new Deno.Command(Deno.execPath(), {
          args: ["eval", `await import(${JSON.stringify("file://" + root + m)});`],
          cwd: root,
          stdout: "null",
          stderr: "piped",
        }).output();
        if (code !== 0) failures.push(`${m}: ${new TextDecoder().decode(stderr).split("\n")[0]}`);
      }),
    );
  }
  assert.deepEqual(failures, []);
});

/** The layer of a module path: cli/ above core/ above asm/ (mod.ts is the top). */
const LAYER: Record<string, number> = { "mod.ts": 3, cli: 2, core: 1, asm: 0 };

function layerOf(path: string): number | undefined {
  return LAYER[path.split("/")[0]];
}

/** Relative specifiers a module imports (static, dynamic and `export ... from`). */
function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    out.push(m[1]);
  }
  return out;
}

/** Every `.ts` file under `dir`, the AssemblyScript sources (`asm/assembly/`) included. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(root + dir)) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...sources(rel));
    else if (e.isFile && e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

Deno.test("imports run one way: cli -> core -> asm (never up, types included)", () => {
  const all = [...modules("core"), ...sources("asm"), ...modules("cli"), "mod.ts"];
  assert.ok(all.some((m) => m.startsWith("asm/assembly/")), "the engine's own sources are read");
  const bad: string[] = [];
  for (const m of all) {
    const from = layerOf(m)!;
    for (const spec of importsOf(Deno.readTextFileSync(root + m))) {
      const target = new URL(spec, "file:///" + m).pathname.slice(1);
      const to = layerOf(target);
      if (to !== undefined && to > from) bad.push(`${m} imports ${target}`);
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("the import-direction check sees an upward import", () => {
  const spec = importsOf('import type { Node } from "../core/node.ts";\n// from "../cli/x.ts"')[0];
  assert.equal(spec, "../core/node.ts");
  assert.ok(layerOf(new URL(spec, "file:///asm/x.ts").pathname.slice(1))! > layerOf("asm/x.ts")!);
});

Deno.test("asm/wasm.ts alone owns the WASM instance", () => {
  const owners = [...modules("core"), ...modules("asm"), ...modules("cli"), "mod.ts"]
    .filter((m) => /build\/strata\.wasm["']/.test(Deno.readTextFileSync(root + m)));
  assert.deepEqual(owners, ["asm/wasm.ts"]);
});

/** Every module `from` reaches through relative imports (itself excluded). */
function reaches(from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const m = todo.pop()!;
    for (const spec of importsOf(Deno.readTextFileSync(root + m))) {
      const target = new URL(spec, "file:///" + m).pathname.slice(1);
      if (!seen.has(target)) (seen.add(target), todo.push(target));
    }
  }
  return seen;
}

Deno.test("core/hash.ts (hashing a tree) does not reach core/run/plan.ts, which hashes each job", () => {
  assert.ok(reaches("core/run/plan.ts").has("core/hash.ts"));
  assert.ok(!reaches("core/hash.ts").has("core/run/plan.ts"));
});

// A value import of a Node built-in starts Deno's Node compatibility layer in
// every process whose modules reach it (~15 ms and ~7 MB at start-up: a sweep
// paid it through the run plan's config hash); core/ and cli/ fetch built-ins
// where they are used (core/node_builtin.ts). Type-only imports cost nothing.
Deno.test("no module of core/ or cli/ imports a Node built-in as a value", () => {
  const found: string[] = [];
  for (const m of [...modules("core"), ...modules("cli")]) {
    const code = Deno.readTextFileSync(root + m).replace(/\/\*[\s\S]*?\*\//g, "");
    const imports = /^\s*(?:import|export)\s+(?!type\b)[^;"']*?\bfrom\s*["']node:[^"']*["']/gm;
    for (const hit of code.matchAll(imports)) found.push(`${m}: ${hit[0].trim()}`);
  }
  assert.deepEqual(found, []);
});
