/**
 * Hydra's flag spellings: `-cd/-cn/-cp` in every command that reads a conf
 * tree; `-c/--cfg`, `--resolve`, `-p/--package`, `-i/--info` in compose and
 * run; `-m/--multirun` in run (and sweep: tests/cli/sweep_multirun_flag_test.ts);
 * and today's `-d/-n` aliases.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { translateHydraArgv } from "../../cli/hydra_argv.ts";
import { assertNoStackTrace, strata } from "./_cli.ts";

Deno.test("translateHydraArgv: two-letter flags, =values, bare --info, nothing after --", () => {
  const cases: [string[], string[]][] = [
    [["compose", "-cd", "c", "-cn", "n"], ["compose", "--config-dir", "c", "--config-name", "n"]],
    [["compose", "-cd=c", "-cn=n"], ["compose", "--config-dir", "c", "--config-name", "n"]],
    [["sweep", "-cp", "c", "a=1,2"], ["sweep", "--config-dir", "c", "a=1,2"]],
    [["compose", "--config-path=c", "-d", "x"], [
      "compose",
      "--config-dir=c",
      "--search-path",
      "x",
    ]],
    [["compose", "-i"], ["compose", "--info", "all"]],
    [["compose", "--info", "db=x"], ["compose", "--info", "all", "db=x"]],
    [["compose", "-i", "defaults-tree"], ["compose", "--info", "defaults-tree"]],
    [["compose", "--info=searchpath"], ["compose", "--info=searchpath"]],
    [["run", "-m", "--", "app", "-cd", "-i"], ["run", "-m", "--", "app", "-cd", "-i"]],
    [["compose", "-c", "job", "-p", "db", "--resolve"], [
      "compose",
      "-c",
      "job",
      "-p",
      "db",
      "--resolve",
    ]],
  ];
  for (const [input, want] of cases) {
    assert.deepEqual(translateHydraArgv(input), want, input.join(" "));
  }
});

function tree(): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-argv-" }));
  const write = (rel: string, text: string) => {
    Deno.mkdirSync(join(dir, rel, ".."), { recursive: true });
    Deno.writeTextFileSync(join(dir, rel), text);
  };
  write(
    "conf/config.yaml",
    "defaults:\n  - model: gpt\n  - optimizer: adam\n  - _self_\nname: ${model.name}\n",
  );
  write("conf/model/gpt.yaml", "name: gpt\nlayers: 12\n");
  write("conf/model/bert.yaml", "name: bert\nlayers: 24\n");
  write("conf/optimizer/adam.yaml", "lr: 0.001\n");
  write("conf/train.yaml", "defaults:\n  - model: bert\n  - _self_\nepochs: 3\n");
  write("extra/optimizer/sgd.yaml", "lr: 0.1\nmomentum: 0.9\n");
  return dir;
}

async function ok(args: string[], cwd: string): Promise<string> {
  const r = await strata(args, { cwd });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

Deno.test("the issue's example: strata compose -cd conf -cn config model=gpt -c job -p optimizer", async () => {
  const dir = tree();
  try {
    const out = await ok([
      "compose",
      "-cd",
      "conf",
      "-cn",
      "config",
      "model=gpt",
      "-c",
      "job",
      "-p",
      "optimizer",
    ], dir);
    assert.equal(out, "# @package optimizer\nlr: 0.001\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-cd/-cn, --config-dir/--config-name, -d/-n and -cp mean the same in every command", async () => {
  const dir = tree();
  try {
    const spellings = [
      ["-cd", "conf", "-cn", "train"],
      ["-cd=conf", "-cn=train"],
      ["--config-dir", "conf", "--config-name", "train"],
      ["--config-dir=conf", "--config-name=train"],
      ["-d", "conf", "-n", "train"],
      ["-cp", "conf", "-cn", "train"],
      ["--config-path", "conf", "--config-name", "train"],
    ];
    const want = {
      compose: await ok(["compose", "-d", "conf", "-n", "train"], dir),
      sweep: await ok(["sweep", "-d", "conf", "-n", "train", "epochs=1,2"], dir),
      run: await ok(["run", "-d", "conf", "-n", "train", "-c", "job", "--", "true"], dir),
    };
    assert.match(want.compose, /^epochs: 3$/m);
    for (const flags of spellings) {
      assert.equal(await ok(["compose", ...flags], dir), want.compose, flags.join(" "));
      assert.equal(await ok(["sweep", ...flags, "epochs=1,2"], dir), want.sweep, flags.join(" "));
      assert.equal(
        await ok(["run", ...flags, "-c", "job", "--", "true"], dir),
        want.run,
        flags.join(" "),
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--config-path is the primary dir (relative to cwd) and --config-dir is searched after it", async () => {
  const dir = tree();
  try {
    const out = await ok([
      "compose",
      "-cp",
      "conf",
      "-cd",
      "extra",
      "optimizer=sgd",
      "-p",
      "optimizer",
      "-c",
      "job",
    ], dir);
    assert.equal(out, "# @package optimizer\nlr: 0.1\nmomentum: 0.9\n");
    const sub = await ok(["compose", "--config-path", "../conf"], join(dir, "extra"));
    assert.match(sub, /^name: \$\{model.name\}$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("with --config-path, a --config-dir that does not exist is an error, as Hydra's 'Additional config directory' (exit 2)", async () => {
  const dir = tree();
  try {
    for (const cd of [["-cd", "nope"], ["--config-dir=nope"], ["-d", "nope"]]) {
      const r = await strata(["compose", "-cp", "conf", ...cd], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`Additional config directory '${dir}/nope' not found`));
      assert.equal(r.stdout, "");
    }
    // after `--`, the job's own -cd is not strata's
    const r = await strata(["run", "-cp", "conf", "-c", "job", "--", "prog", "-cd", "nope"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--cfg/-c job|hydra|all, --resolve, --package/-p", async () => {
  const dir = tree();
  try {
    const job = await ok(["compose", "-cd", "conf", "--cfg", "job"], dir);
    assert.equal(job, await ok(["compose", "-cd", "conf"], dir));
    assert.match(job, /^name: \$\{model\.name\}$/m);
    assert.match(await ok(["compose", "-cd", "conf", "--resolve"], dir), /^name: gpt$/m);
    const hydra = await ok(["compose", "-cd", "conf", "-c", "hydra"], dir);
    assert.match(hydra, /^hydra:\n {2}run:\n/);
    assert.doesNotMatch(hydra, /^model:/m);
    const all = await ok(["compose", "-cd", "conf", "-c", "all"], dir);
    assert.match(all, /^hydra:\n/, "--cfg all puts hydra first, as Hydra does");
    assert.ok(all.endsWith(job), "then the job config");
    assert.equal(
      await ok(["compose", "-cd", "conf", "-c", "job", "-p", "model.layers"], dir),
      "12\n",
    );
    assert.equal(
      await ok(
        ["compose", "-cd", "conf", "-c", "hydra", "--package", "hydra.job.config_name"],
        dir,
      ),
      "config\n",
    );
    const missing = await strata(["compose", "-cd", "conf", "-p", "nope"], { cwd: dir });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /package 'nope' not found in config/);
    const bad = await strata(["compose", "-cd", "conf", "-c", "everything"], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Allowed choices are job, hydra, all/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--info/-i: Hydra's defaults table, defaults tree, search path, config, all", async () => {
  const dir = tree();
  try {
    const defaults = await ok(["compose", "-cd", "conf", "--info", "defaults"], dir);
    const lines = defaults.split("\n");
    assert.deepEqual(lines.slice(0, 3), ["", "Defaults List", "*************"]);
    assert.match(lines[3], /^\| Config path +\| Package +\| _self_ \| Parent +\| $/);
    assert.equal(lines[4], "-".repeat(lines[3].length));
    assert.ok(
      lines.includes(
        `| ${"model/gpt".padEnd(27)} | ${"model".padEnd(19)} | False  | config       |`,
      ),
    );
    assert.ok(
      lines.includes(`| ${"config".padEnd(27)} | ${"".padEnd(19)} | True   | <root>       |`),
    );
    assert.equal(await ok(["compose", "-cd", "conf", "-i", "defaults"], dir), defaults);
    const treeOut = await ok(["compose", "-cd", "conf", "-i", "defaults-tree", "model=bert"], dir);
    assert.match(treeOut, /^<root>:\n {2}hydra\/config:\n/m);
    assert.match(treeOut, /^ {2}config:\n {4}model: bert\n {4}optimizer: adam\n {4}_self_$/m);
    const search = await ok(["compose", "-cd", "conf", "--info", "searchpath"], dir);
    assert.ok(search.includes(`| main     | file://${dir}/conf |`), search);
    const all = await ok(["compose", "-cd", "conf", "-i"], dir);
    assert.match(all, /^Hydra 1\.3\.2\n===========\n/);
    for (
      const part of ["Config search path", "Defaults Tree", "Defaults List", "Config\n******\n"]
    ) {
      assert.ok(all.includes(part), part);
    }
    assert.equal(await ok(["compose", "-cd", "conf", "--info", "all"], dir), all);
    assert.ok(
      (await ok(["compose", "-cd", "conf", "-i", "config"], dir)).endsWith(
        "Config\n******\n" + await ok(["compose", "-cd", "conf"], dir) + "\n",
      ),
      "the job config last, logged as Hydra logs it (one more newline)",
    );
    assert.equal(await ok(["run", "-cd", "conf", "-i", "defaults", "--", "true"], dir), defaults);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-m/--multirun: strata run sweeps with either spelling", async () => {
  const dir = tree();
  try {
    for (const flag of ["-m", "--multirun"]) {
      const out = await ok(
        [
          "run",
          flag,
          "-cd",
          "conf",
          "hydra.sweep.dir=s" + flag,
          "model=gpt,bert",
          "-q",
          "--",
          "true",
        ],
        dir,
      );
      assert.equal(out, "");
      const jobs = [...Deno.readDirSync(join(dir, "s" + flag))].map((e) => e.name).sort();
      assert.deepEqual(jobs, ["0", "1", "multirun.yaml"]);
    }
    const single = await strata(["run", "-cd", "conf", "model=gpt,bert", "--", "true"], {
      cwd: dir,
    });
    assert.equal(single.code, 1);
    assert.match(single.stderr, /add --multirun to your command line/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("unknown flags and commands: exit 2 with a suggestion", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["compose", "--config-nme", "x"],
      /unknown option '--config-nme'\n\(Did you mean --config-name\?\)/,
    ],
    [["run", "--fail-fst", "--", "true"], /Did you mean --fail-fast\?/],
    [["compse"], /unknown command 'compse'\n\(Did you mean compose\?\)/],
    [["rnu"], /Did you mean run\?/],
    // `strata help NAME` names what is wrong, as `strata NAME` does
    [["help", "compse"], /^error: unknown command 'compse'\n\(Did you mean compose\?\)\n$/],
    [["help", "nope"], /^error: unknown command 'nope'\n$/],
    // a value outside an option's choices: the nearest one
    [["compose", "-f", "yml"], /Allowed choices are yaml, json.*\.\n\(Did you mean yaml\?\)\n$/],
    [["sweep", "-f", "slrum"], /\(Did you mean slurm\?\)\n$/],
    [["validate", "-f", "xx"], /Allowed choices are text, json, github\.\n$/],
  ];
  for (const [args, message] of cases) {
    const r = await strata(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message);
  }
});

Deno.test("strata --help and each command's help show real examples", async () => {
  const top = await strata(["--help"]);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /Examples:\n {2}strata compose -cd conf/);
  for (const cmd of ["compose", "sweep", "run"]) {
    const r = await strata([cmd, "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`Examples:\\n {2}strata ${cmd} `), cmd);
  }
});

Deno.test("deno task strata runs in the caller's directory", async () => {
  const dir = tree();
  try {
    const root = new URL("../../", import.meta.url).pathname;
    // deno task sets INIT_CWD only when it is unset: run it as a user's shell would, not this test's task.
    const { INIT_CWD: _, ...env } = Deno.env.toObject();
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "--config",
        join(root, "deno.json"),
        "strata",
        "compose",
        "-cd",
        "conf",
        "-p",
        "model",
      ],
      cwd: dir,
      clearEnv: true,
      env: { ...env, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.equal(new TextDecoder().decode(out.stdout), "# @package model\nname: gpt\nlayers: 12\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("Hydra's --hydra-help outside compose and --run: exit 2, saying what strata does instead; after -- they are the app's", async () => {
  for (
    const [args, said] of [
      [
        ["sweep", "--hydra-help"],
        /^--hydra-help: Hydra's help page is `strata compose --hydra-help`'s/,
      ],
      [["run", "--run", "--", "true"], /^--run: running one job is what `strata run` does/],
      [
        ["run", "--app-help", "--", "true"],
        /^--app-help: the app's help page .* `strata compose --app-help`'s/,
      ],
    ] as const
  ) {
    const r = await strata([...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, said);
    assertNoStackTrace(r.stderr);
  }
  assert.deepEqual(translateHydraArgv(["run", "--", "app", "--hydra-help"]), [
    "run",
    "--",
    "app",
    "--hydra-help",
  ]);
});

Deno.test("hydra argv: --config-dir given twice without --config-path is a usage error naming both, not the last in silence", async () => {
  // checker x41: `-d conf -cd other` composed `other` alone
  for (
    const args of [["-d", "conf", "-cd", "other"], ["--config-dir=conf", "--config-dir", "other"]]
  ) {
    const r = await strata(["compose", ...args, "-c", "job"]);
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /--config-dir \(-d, -cd\) given 2 times \(conf, other\): .* -cp conf -cd other/,
    );
  }
  // with --config-path, each adds a directory, as Hydra's does
  assert.deepEqual(
    translateHydraArgv(["compose", "-cp", "conf", "-cd", "a", "-d", "b"]),
    ["compose", "--config-dir", "conf", "--search-path", "a", "--search-path", "b"],
  );
});
