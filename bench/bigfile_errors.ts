/**
 * A big file the fast reader cannot read all of: a typo, a block scalar or a tab in one entry of
 * an otherwise plain file (bench/bigfile_gen.ts's `sections` shape), or a block scalar in every
 * entry. Only those entries should cost the full reader's time (core/yaml/pieces.ts), not the
 * whole file, and a file of slow entries no more than reading it whole.
 *
 *   deno run -A bench/bigfile_errors.ts [--mb 14] [--checkout DIR]
 *
 * Runs `strata compose -d <variant> -f json` of the checkout (this one by default) under
 * `/usr/bin/time` for each variant, and prints wall time, peak RSS, the exit code and the first
 * line of stderr. Run it with two checkouts to compare them.
 *
 * @module
 */

import { bigYaml } from "./bigfile_gen.ts";

const args = Deno.args;
const arg = (name: string, fallback: string) =>
  args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
const mb = Number(arg("--mb", "14"));
const checkout = arg("--checkout", new URL("..", import.meta.url).pathname);

const text = bigYaml(mb * 1e6);
// the middle of the file, at the start of a top-level entry
const middle = text.indexOf("\nsection_", text.length >> 1) + 1;
const variants: Record<string, string> = {
  valid: text,
  typo: text.slice(0, middle) + "typo:\n  a: 1\n   b: 2\n" + text.slice(middle),
  block: text.slice(0, middle) + "note: |\n  kept as written\n" + text.slice(middle),
  tab: text.slice(0, middle) + 'tabbed: "a\tb"\n' + text.slice(middle),
  // every top-level entry slow for the fast reader: a block scalar in each section
  every: text.replaceAll(/^(section_\d+:\n)/gm, "$1  note: |\n    kept\n"),
};

const root = Deno.makeTempDirSync({ prefix: "strata-bigfile-errors-" });
console.log(`| ${mb} MB file | wall s | peak MiB | exit | stderr |`);
console.log("| --- | ---: | ---: | ---: | --- |");
for (const [name, body] of Object.entries(variants)) {
  Deno.mkdirSync(`${root}/${name}/conf`, { recursive: true });
  Deno.writeTextFileSync(`${root}/${name}/conf/config.yaml`, body);
  const out = await new Deno.Command("/usr/bin/time", {
    args: [
      "-f",
      "%e %M",
      "deno",
      "run",
      "-A",
      `${checkout}/cli/main.ts`,
      "compose",
      "-d",
      "conf",
      "-f",
      "json",
    ],
    cwd: `${root}/${name}`,
    stdout: "null",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(out.stderr).trim().split("\n");
  const [wall, kb] = lines.at(-1)!.split(" ");
  const first = lines.length > 1 && out.code !== 0 ? lines[0].slice(0, 70) : "";
  console.log(`| ${name} | ${wall} | ${Math.round(Number(kb) / 1024)} | ${out.code} | ${first} |`);
}
Deno.removeSync(root, { recursive: true });
