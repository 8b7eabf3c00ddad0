/**
 * omegaconf/interpolation.json (and realworld/omegaconf/interpolation.json):
 * OmegaConf.create(yaml) (grammar checked) → to_container(resolve=True), or
 * one key walked with `__getitem__` when `select` is given.
 */

import {
  type Key,
  loadYaml,
  type Node,
  resolveAt,
  resolveTree,
  validateInterpolations,
} from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import { type Outcome, withEnv } from "../suite.ts";
import { diff, fromExpected, fromNode } from "../typed.ts";

function selectPath(root: Node, select: string): Key[] {
  // segments split on '.', int for list parents (walking raw nodes; node interpolations
  // on the way are followed by resolveAt itself, so only shapes known up front matter)
  const out: Key[] = [];
  let cur: Node | undefined = root;
  for (const seg of select.split(".")) {
    if (cur?.kind === "list") {
      out.push(Number(seg));
      cur = cur.items[Number(seg)];
    } else {
      out.push(seg);
      cur = cur?.kind === "dict" ? cur.entries.get(seg)?.node : undefined;
    }
  }
  return out;
}

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export async function runCase(c: any): Promise<Outcome> {
  const want = c.expected;
  const warnings: string[] = [];
  let got: Node;
  try {
    got = await withEnv(c.env, () => {
      const cfg = loadYaml(c.yaml);
      validateInterpolations(cfg);
      const opts = { onWarning: (m: string) => warnings.push(m) };
      return c.select === undefined
        ? resolveTree(cfg, opts)
        : resolveAt(cfg, selectPath(cfg, c.select), opts);
    });
  } catch (e) {
    return want?.error ? matchError(e, want.error) : `unexpected error: ${(e as Error).message}`;
  }
  if (want?.error) return `expected ${want.error.type}, got a value`;
  const d = diff(fromNode(got), fromExpected(want));
  if (d) return d;
  const wantW: string[] = c.warnings ?? [];
  if (JSON.stringify(wantW) !== JSON.stringify(warnings)) {
    return `warnings: expected ${JSON.stringify(wantW)}, got ${JSON.stringify(warnings)}`;
  }
  return undefined;
}
