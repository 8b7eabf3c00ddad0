/**
 * CLI golden tests: each tests/cli/golden/*.txt holds a command, the files it
 * runs on and the expected exit code, stdout and stderr (txtar-like, as cue's
 * testscripts). `UPDATE_GOLDEN=1 deno task test` rewrites the expectations.
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";

const dir = new URL("./golden/", import.meta.url);
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

interface Golden {
  head: string[];
  files: [string, string][];
  args: string[];
  exit: number;
  stdout: string;
  stderr: string;
}

function splitArgs(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function parse(text: string): Golden {
  const parts = text.split(/^-- (.+) --\n/m);
  const head = parts[0].split("\n").filter((l) => l !== "");
  const g: Golden = { head, files: [], args: [], exit: 0, stdout: "", stderr: "" };
  for (const line of head) {
    if (line.startsWith("exec strata ")) g.args = splitArgs(line.slice(12));
    if (line.startsWith("exit ")) g.exit = Number(line.slice(5));
  }
  for (let i = 1; i < parts.length; i += 2) {
    const [name, body] = [parts[i], parts[i + 1]];
    if (name === "stdout") g.stdout = body;
    else if (name === "stderr") g.stderr = body;
    else g.files.push([name, body]);
  }
  return g;
}

function render(g: Golden, exit: number, stdout: string, stderr: string): string {
  const head = g.head.map((l) => (l.startsWith("exit ") ? `exit ${exit}` : l));
  let out = head.join("\n") + "\n";
  for (const [name, body] of g.files) out += `-- ${name} --\n${body}`;
  return out + `-- stdout --\n${stdout}-- stderr --\n${stderr}`;
}

for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1)) {
  if (!entry.name.endsWith(".txt")) continue;
  const path = new URL(entry.name, dir);
  const text = Deno.readTextFileSync(path);
  const g = parse(text);
  Deno.test(`golden ${entry.name}: ${g.head[0].replace(/^# /, "")}`, async () => {
    const tmp = await Deno.makeTempDir({ prefix: "strata-golden-" });
    try {
      for (const [name, body] of g.files) {
        const file = `${tmp}/${name}`;
        await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
        await Deno.writeTextFile(file, body);
      }
      const raw = await strata(g.args, { cwd: tmp });
      // the temporary directory is not part of the expectation
      const real = await Deno.realPath(tmp);
      const scrub = (s: string) => s.replaceAll(real, "$WORK").replaceAll(tmp, "$WORK");
      const r = { code: raw.code, stdout: scrub(raw.stdout), stderr: scrub(raw.stderr) };
      if (update) {
        await Deno.writeTextFile(path, render(g, r.code, r.stdout, r.stderr));
        return;
      }
      assert.equal(r.stderr, g.stderr, "stderr");
      assert.equal(r.stdout, g.stdout, "stdout");
      assert.equal(r.code, g.exit, "exit code");
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  });
}
