/**
 * The OmegaConf side of bench:compare: a long-lived Python worker
 * (omegaconf_worker.py) that times each operation in process, so both sides
 * are measured the same way, and the one-shot compose process.
 *
 * @module
 */

/** The Python that has Debian's python3-omegaconf. */
export const PYTHON = Deno.env.get("OMEGACONF_PYTHON") ?? "/usr/bin/python3";
const WORKER = new URL("./omegaconf_worker.py", import.meta.url).pathname;

/** An answer of the worker. */
export interface Answer {
  ms: number;
  json?: string | null;
  text?: string | null;
}

/**
 * Whether OmegaConf can be imported by {@link PYTHON} (else the comparison is skipped).
 *
 * @example
 * ```ts ignore
 * if (!(await omegaconfAvailable())) console.log("OmegaConf not installed: skipped");
 * ```
 */
export async function omegaconfAvailable(): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(PYTHON, {
      args: ["-c", "import omegaconf"],
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

/** One worker process: commands in, answers out, in order. */
export class OmegaConfWorker {
  private child = new Deno.Command(PYTHON, {
    args: [WORKER],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  private writer = this.child.stdin.getWriter();
  private lines = this.child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  private buffer = "";

  private async line(): Promise<string> {
    for (;;) {
      const nl = this.buffer.indexOf("\n");
      if (nl >= 0) {
        const out = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return out;
      }
      const { value, done } = await this.lines.read();
      if (done) throw new Error("the OmegaConf worker exited");
      this.buffer += value;
    }
  }

  /** Waits for the worker to have imported OmegaConf. */
  async ready(): Promise<void> {
    await this.line();
  }

  /** Runs one command. */
  async run(cmd: Record<string, unknown>): Promise<Answer> {
    await this.writer.write(new TextEncoder().encode(JSON.stringify(cmd) + "\n"));
    return JSON.parse(await this.line());
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.child.status;
  }
}

/**
 * The command line of the OmegaConf-only compose of a generated `conf/` (load
 * the selected options, merge, resolve, print JSON) as one process.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composeCommand } from "./omegaconf.ts";
 * assert.equal(composeCommand("/tmp/conf").at(-1), "/tmp/conf");
 * ```
 */
export function composeCommand(confDir: string): string[] {
  return [PYTHON, WORKER, "compose", confDir];
}
