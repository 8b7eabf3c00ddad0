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
 * under 1 ms. The bundle is rewritten to use it, and the rewrite fails loudly
 * when Deno's output changes shape.
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

const SLOW_DECODE = /Uint8Array\.from\(atob\(("[A-Za-z0-9+/=]+")\), \(c\) => c\.charCodeAt\(0\)\)/g;
let rewritten = 0;
for (const entry of Deno.readDirSync(outdir)) {
  if (!entry.name.endsWith(".js")) continue;
  const path = `${outdir}/${entry.name}`;
  const text = Deno.readTextFileSync(path);
  const fast = text.replace(SLOW_DECODE, (_, b64) => {
    rewritten++;
    return `Uint8Array.fromBase64(${b64})`;
  });
  if (fast !== text) Deno.writeTextFileSync(path, fast);
}
if (rewritten !== 1) {
  console.error(
    `tools/bundle.ts: expected Deno's inlined WASM decode once in the bundle, found it ${rewritten} ` +
      "times: update the rewrite to Deno's output",
  );
  Deno.exit(1);
}
