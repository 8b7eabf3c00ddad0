/**
 * `deno task bundle [OUTDIR]`: cli/main.ts as ESM chunks in OUTDIR (default
 * dist/bundle/), what `deno task compile` embeds. One chunk per command
 * (each action's dynamic import stays lazy), npm packages inlined with their
 * browser builds (npm:yaml's ESM build instead of its CommonJS one, so no
 * CommonJS loader at start-up), no npm resolution when the binary starts.
 *
 * Then the bundle's text is rewritten where start-up would pay for what a
 * command does not use:
 * - Deno's bundler inlines the WASM engine as `Uint8Array.from(atob("…"),
 *   (c) => c.charCodeAt(0))`, which costs ~25 ms at every start (a callback
 *   per byte, run cold); `Uint8Array.fromBase64` decodes the same bytes in
 *   under 1 ms.
 * - Commander imports node:events, node:process, node:util and node:path;
 *   the first `node:` import starts Deno's Node compatibility layer (~30 ms
 *   for these four). They come from ./bundle_shims.ts instead (bundled
 *   on its own beside main.js): eventemitter3, and the real built-ins fetched on first
 *   use. Its node:fs and node:child_process serve only executable
 *   subcommands (`program.command("x", "description")`), which strata never
 *   declares: they become stubs that throw if ever used.
 * - `deno run` reads and analyses every module a literal `import("./x.js")`
 *   names, and all they import, when the module holding it loads: main.js's
 *   eight lazy command imports (1.2 MB of chunks) cost `--version` ~12 ms. A
 *   computed specifier is loaded only when the command runs; since
 *   `deno compile` cannot follow one either, the compile task embeds the
 *   bundle's directory with `--include`.
 *
 * Each rewrite fails loudly when the bundle changes shape.
 *
 * @module
 */

import { toolArgs } from "./tool_args.ts";

const { positionals } = toolArgs(
  "usage: deno task bundle [OUTDIR] (default dist/bundle)",
  {},
  Deno.args,
  true,
);
if (positionals.length > 1) {
  console.error("usage: deno task bundle [OUTDIR] (default dist/bundle): one directory");
  Deno.exit(2);
}
const outdir = positionals[0] ?? "dist/bundle";
// the directory is emptied first: only an earlier bundle's (`deno task bundle .` would wipe a tree)
const held = (() => {
  try {
    return [...Deno.readDirSync(outdir)].map((e) => e.name);
  } catch {
    return [];
  }
})();
if (held.length > 0 && !held.includes("main.js")) {
  console.error(
    `deno task bundle: ${outdir} holds files that are not a bundle (no main.js): give an empty ` +
      "or new directory, or an earlier bundle's",
  );
  Deno.exit(2);
}
await Deno.remove(outdir, { recursive: true }).catch(() => {});
const root = new URL("../", import.meta.url).pathname;
/** Runs `deno bundle` for the browser with `args`; exits on failure. */
async function bundle(...args: string[]): Promise<void> {
  const bundled = await new Deno.Command(Deno.execPath(), {
    // the checkout's config wherever this runs from (the pre-commit hook runs in the user's repo)
    args: ["bundle", "--quiet", "--config", `${root}deno.json`, "--platform", "browser", ...args],
  }).spawn().status;
  if (!bundled.success) Deno.exit(bundled.code);
}
await bundle("--code-splitting", "--outdir", outdir, `${root}cli/main.ts`);
await bundle("--output", `${outdir}/bundle_shims.js`, `${root}tools/bundle_shims.ts`);

/**
 * A rewrite of the bundle's text: what to find, what it becomes (`$1` is the
 * first group, or nothing), how often it must match (`"some"`: at least once).
 */
interface Rewrite {
  what: string;
  find: RegExp;
  replace: string;
  times: number | "some";
}

const stub = (module: string) =>
  `new Proxy({}, { get() { throw new Error("${module} is not in strata's bundle: ` +
  `commander needs it only for executable subcommands, which strata does not declare"); } })`;

const REWRITES: Rewrite[] = [
  {
    what: "Deno's inlined WASM decode",
    find: /Uint8Array\.from\(atob\(("[A-Za-z0-9+/=]+")\), \(c\) => c\.charCodeAt\(0\)\)/g,
    replace: "Uint8Array.fromBase64($1)",
    times: 1,
  },
  {
    what: "commander's node:events import",
    find: /^import \{ EventEmitter \} from "node:events";$/gm,
    replace: `import { EventEmitter } from "./bundle_shims.js";`,
    times: 1,
  },
  {
    what: "commander's node:process import",
    find: /^import process from "node:process";$/gm,
    replace: `import { process } from "./bundle_shims.js";`,
    times: 1,
  },
  {
    what: "commander's node:path import",
    find: /^import path from "node:path";$/gm,
    replace: `import { path } from "./bundle_shims.js";`,
    times: 1,
  },
  {
    what: "commander's node:util imports",
    find: /^import \{ stripVTControlCharacters( as \w+)? \} from "node:util";$/gm,
    replace: `import { stripVTControlCharacters$1 } from "./bundle_shims.js";`,
    times: 2,
  },
  {
    what: "a command's lazy import",
    find: /\bimport\("(\.\/[\w-]+\.js)"\)/g,
    replace: `import(String("$1"))`,
    times: "some",
  },
  {
    what: "commander's node:child_process import",
    find: /^import childProcess from "node:child_process";$/gm,
    replace: `const childProcess = ${stub("node:child_process")};`,
    times: 1,
  },
  {
    what: "commander's node:fs import",
    find: /^import fs from "node:fs";$/gm,
    replace: `const fs = ${stub("node:fs")};`,
    times: 1,
  },
];

const found = new Map<Rewrite, number>(REWRITES.map((r) => [r, 0]));
for (const entry of Deno.readDirSync(outdir)) {
  if (!entry.name.endsWith(".js")) continue;
  const path = `${outdir}/${entry.name}`;
  const text = Deno.readTextFileSync(path);
  let next = text;
  for (const r of REWRITES) {
    next = next.replace(r.find, (...m: string[]) => {
      found.set(r, found.get(r)! + 1);
      return r.replace.replace("$1", m[1] ?? "");
    });
  }
  if (next !== text) Deno.writeTextFileSync(path, next);
}
const wrong = REWRITES.filter((r) =>
  r.times === "some" ? found.get(r) === 0 : found.get(r) !== r.times
);
for (const r of wrong) {
  console.error(
    `tools/bundle.ts: expected ${r.what} ${
      r.times === "some" ? "at least once" : `${r.times} time(s)`
    } in the bundle, found it ` +
      `${found.get(r)}: update the rewrite to the bundle's new shape`,
  );
}
if (wrong.length > 0) Deno.exit(1);
