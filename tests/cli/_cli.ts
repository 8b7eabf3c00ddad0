/**
 * Runs the CLI as a user would: a subprocess of `deno run` with exactly the
 * permission flags and V8 flags `deno task compile` gives the binary.
 *
 * @module
 */

const root = new URL("../../", import.meta.url).pathname;
const compileTask: string = JSON.parse(Deno.readTextFileSync(root + "deno.json")).tasks.compile;
/** The permission flags of the compiled binary. */
export const PERMISSIONS = compileTask.split(" ").filter((a) => a.startsWith("--allow-"));
/** The V8 flags the compiled binary embeds (its heap sizing). */
export const V8_FLAGS = compileTask.split(" ").filter((a) => a.startsWith("--v8-flags="));

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link strata}. */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Permission flags instead of the binary's {@link PERMISSIONS}. */
  permissions?: string[];
  /** A command that runs the CLI (`["setpriv", "--bounding-set=-dac_override"]`). */
  wrapper?: string[];
  /** The module to run instead of cli/main.ts (the bundle `deno task bundle` writes). */
  main?: string;
  /** Text for the CLI's stdin (default: the test's own stdin, inherited). */
  stdin?: string;
}

/** `deno run <permissions> cli/main.ts`, as a shell command line. */
export const SHELL_COMMAND = [
  Deno.execPath(),
  "run",
  ...PERMISSIONS,
  ...V8_FLAGS,
  root + "cli/main.ts",
]
  .map((a) => `'${a}'`).join(" ");

/**
 * Runs `strata ARGS` in `cwd` (default: the checkout).
 *
 * @example
 * ```ts ignore
 * const { code, stdout } = await strata(["compose", "-d", "conf"]);
 * ```
 */
export async function strata(
  args: string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const argv = [
    Deno.execPath(),
    "run",
    ...(options.permissions ?? PERMISSIONS),
    ...V8_FLAGS,
    options.main ?? root + "cli/main.ts",
    ...args,
  ];
  if (options.wrapper) argv.unshift(...options.wrapper);
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: options.cwd ?? root,
    env: { NO_COLOR: "1", ...options.env },
    stdin: options.stdin === undefined ? "inherit" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * Writes `files` (path → text or bytes, directories made as needed) into a
 * new temp dir and returns it.
 *
 * @example
 * ```ts ignore
 * const dir = await confTree({ "config.yaml": "x: 1\n", "db/a.yaml": "port: 1\n" });
 * ```
 */
export async function confTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "strata_cli_" });
  for (const [name, content] of Object.entries(files)) {
    const path = `${dir}/${name}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
  }
  return dir;
}

/** Fails when stderr looks like a stack trace. */
export function assertNoStackTrace(stderr: string): void {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr) || stderr.includes("internal error")) {
    throw new Error(`a stack trace reached the user:\n${stderr}`);
  }
}

/** The checkout's root directory. */
export const ROOT = root;

/** strata's commands, in the order `strata --help` (and completion) lists them. */
export const COMMANDS = [
  "compose",
  "sweep",
  "run",
  "validate",
  "schema",
  "explain",
  "hash",
  "diff",
  "completions",
];
