/**
 * The shipped source names its packages as versioned `npm:` specifiers, so a
 * program anywhere can import `<checkout or URL>/mod.ts` without strata's
 * deno.json: a bare `"yaml"` only resolves through that file's import map.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

/** The files a user's program can reach: the entry points and everything under cli/ core/ asm/. */
function shippedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(root + dir)) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory && rel !== "asm/assembly" && rel !== "asm/build") walk(rel);
      else if (e.isFile && e.name.endsWith(".ts")) out.push(rel);
    }
  };
  ["cli", "core", "asm"].forEach(walk);
  const exports = JSON.parse(Deno.readTextFileSync(root + "deno.json")).exports;
  const entries = typeof exports === "string" ? [exports] : Object.values(exports as object);
  for (const e of entries) out.push(String(e).replace(/^\.\//, ""));
  return [...new Set(out)].sort();
}

// `from "x"` counts only in an import/export statement (up to its `;`), so a
// message such as `(from 'k3' on: ...)` is not taken for one.
const SPECIFIER =
  /(?:^[ \t]*(?:import|export)\b[^;]*?\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/** Every specifier that is neither relative, nor a built-in, nor a pinned `npm:` package. */
function badSpecifiers(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (/^(\.{1,2}\/|\/|node:|file:|data:)/.test(spec)) continue;
    if (/^npm:(@[^/@]+\/)?[^/@]+@\d+\.\d+\.\d+[^/]*(\/.*)?$/.test(spec)) continue;
    bad.push(spec);
  }
  return bad;
}

Deno.test("the specifier check flags bare and unpinned packages, and nothing else", () => {
  const text = [
    `import { parse } from "yaml";`,
    `import { Command } from "npm:@commander-js/extra-typings@15.1.0";`,
    `export * from "./core/node.ts";`,
    `import assert from "node:assert/strict";`,
    `const m = await import("ajv");`,
    `import "npm:fast-check";`,
    `import type { X } from "npm:@bomb.sh/tab@0.0.22/commander";`,
    `export {\n  a,\n} from "kubernetes-models";`,
    `throw new Error(\`too many (from '\${k}' on)\`);`,
  ].join("\n");
  assert.deepEqual(badSpecifiers(text), ["yaml", "ajv", "npm:fast-check", "kubernetes-models"]);
});

Deno.test("cli/, core/, asm/ and the entry points import packages only as pinned npm: specifiers", () => {
  const files = shippedFiles();
  assert.ok(files.includes("mod.ts") && files.includes("core/yaml/full.ts"));
  const bad = files.flatMap((f) =>
    badSpecifiers(Deno.readTextFileSync(root + f)).map((s) => `${f}: "${s}"`)
  );
  assert.deepEqual(bad, [], "use the pinned npm: specifier that deno.json's imports map to");
});

Deno.test("every npm: specifier in the shipped source has the version deno.json pins", () => {
  const pins = new Map<string, string>();
  const imports = JSON.parse(Deno.readTextFileSync(root + "deno.json")).imports as Record<
    string,
    string
  >;
  for (const target of Object.values(imports)) {
    const m = /^npm:((?:@[^/@]+\/)?[^/@]+)@([^/]+)$/.exec(target);
    if (m) pins.set(m[1], m[2]);
  }
  const mismatches: string[] = [];
  for (const f of shippedFiles()) {
    for (const m of Deno.readTextFileSync(root + f).matchAll(SPECIFIER)) {
      const npm = /^npm:((?:@[^/@]+\/)?[^/@]+)@([^/]+)/.exec(m[1]);
      if (npm && pins.get(npm[1]) !== npm[2]) {
        mismatches.push(`${f}: ${m[1]} (deno.json: ${pins.get(npm[1]) ?? "absent"})`);
      }
    }
  }
  assert.deepEqual(mismatches, []);
});
