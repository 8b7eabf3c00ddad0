// A pass-through resolver ported from Python (IsaacGymEnvs' `resolve_default`): returning
// `args[i]` turns `1e3` into the int 1000 (JS has one number type); returning `ctx.nodes[i]`,
// typed with the exported ResolverInfo, keeps the argument's float, as the Python lambda does.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, ROOT, strata } from "./_cli.ts";

const CONFIG = "max_iterations: ''\nmax_epochs: ${resolve_default:500,${max_iterations}}\n";
const TYPED = `import type { ResolverInfo } from "${ROOT}mod.ts";\n` +
  "export default {\n" +
  "  resolve_default: (args: unknown[], ctx: ResolverInfo) =>\n" +
  '    args[1] === "" ? ctx.nodes[0] : ctx.nodes[1],\n' +
  "};\n";

Deno.test("resolvers: ctx.nodes[i] of the typed ResolverInfo passes an argument through with its type", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG, "typed.ts": TYPED });
  try {
    // the typed port type-checks: ResolverInfo declares nodes
    const check = await new Deno.Command(Deno.execPath(), {
      args: ["check", `${dir}/typed.ts`],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
    const run = (...extra: string[]) =>
      strata(
        [
          "compose",
          "-d",
          "conf",
          "--resolvers",
          "typed.ts",
          "--resolve",
          "-p",
          "max_epochs",
          ...extra,
        ],
        { cwd: dir },
      );
    const float = await run("max_iterations=1e3");
    assertNoStackTrace(float.stderr);
    assert.deepEqual([float.code, float.stdout], [0, "1000.0\n"]);
    const json = await run("max_iterations=1e3", "-f", "json");
    assert.equal(json.stdout, "1000.0\n");
    // the default: the int 500, as written
    assert.equal((await run()).stdout, "500\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
