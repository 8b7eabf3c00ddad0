/**
 * `deno task bundle [OUTDIR]`: cli/main.ts as ESM chunks in OUTDIR (default
 * dist/bundle/), what `deno task compile` embeds. One chunk per command
 * (each action's dynamic import stays lazy), npm packages inlined with their
 * browser builds (npm:yaml's ESM build instead of its CommonJS one, so no
 * CommonJS loader at start-up), no npm resolution when the binary starts.
 *
 * Deno's bundler inlines the WASM engine as `Uint8Array.from(atob("…"),
 * (c) => c.charCodeAt(0))`, which costs ~25 ms at every start (a callback
 * per byte, run cold); `Uint8Array.fromBase64` decodes the same bytes in
 * under 1 ms. And commander imports node:fs and node:child_process (~20 ms of
 * Deno's Node compatibility layer at start-up) only to launch executable
 * subcommands (`program.command("x", "description")`), which strata never
 * declares: in the bundle they become stubs that throw if ever used. Each
 * rewrite fails loudly when the bundle changes shape.
 *
 * @module
 */

const outdir = Deno.args[0] ?? "dist/bundle";
await Deno.remove(outdir, { recursive: true }).catch(() => {});
const root = new URL("../", import.meta.url).pathname;
const bundled = await new Deno.Command(Deno.execPath(), {
  args: [
    "bundle",
    "--quiet",
    "--platform",
    "browser",
    "--code-splitting",
    "--outdir",
    outdir,
    `${root}cli/main.ts`,
  ],
}).spawn().status;
if (!bundled.success) Deno.exit(bundled.code);

/** A rewrite of the bundle's text: what to find, what it becomes, how often it must match. */
interface Rewrite {
  what: string;
  find: RegExp;
  replace: string;
  times: number;
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
      return r.replace.replace("$1", m[1]);
    });
  }
  if (next !== text) Deno.writeTextFileSync(path, next);
}
const wrong = REWRITES.filter((r) => found.get(r) !== r.times);
for (const r of wrong) {
  console.error(
    `tools/bundle.ts: expected ${r.what} ${r.times} time(s) in the bundle, found it ` +
      `${found.get(r)}: update the rewrite to the bundle's new shape`,
  );
}
if (wrong.length > 0) Deno.exit(1);
