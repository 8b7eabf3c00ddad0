/**
 * `--package/-p KEY` of `--cfg`: the node `OmegaConf.select` gives for KEY,
 * as Hydra's `show_cfg` prints it (a leaf read, so resolved, even without
 * `--resolve`; a missing, `???` or null package is not found).
 *
 * @module
 */

import type { Composition } from "../core/compose/compose.ts";
import {
  packageAsShown,
  packageKeepingOpaque,
  selectedPath,
  selectedValueAt,
} from "../core/run/shown.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { withLegacyPackageNote } from "../core/compose/legacy_header.ts";
import { type DictNode, type Node, str } from "../core/node.ts";
import { keyPaths, nodeAt } from "../core/ops/walk.ts";
import { suggest } from "../core/suggest.ts";
import { isPlainValue } from "../core/resolve/loc.ts";
import { pyRepr } from "../core/resolve/pystr.ts";
import { readKeyPath } from "../core/ops/select.ts";
import { unsupportedResolverName } from "../core/resolve/fail.ts";
import { typedPlugins, typeHydraAt } from "../core/hydra/typed.ts";
import type { ShowOptions } from "./show.ts";

/**
 * `OmegaConf.select(cfg, package)` as Hydra's `show_cfg` does it: a leaf is
 * read (so resolved) even without `--resolve`, which resolves a selected
 * container alone (an error elsewhere in the config does not fail it).
 *
 * @throws {StrataError} `key` when `pkg` names no node (or a null or `???` one).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../core/compose/compose.ts";
 * import { selectPackage } from "./show_package.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "db:\n  port: 3306\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * const port = selectPackage(c, c.config, "db.port", { resolve: false });
 * assert.deepEqual(port.kind === "value" && port.value, 3306);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function selectPackage(c: Composition, out: DictNode, pkg: string, opts: ShowOptions): Node {
  try {
    return selectPackageResolved(c, out, pkg, opts);
  } catch (e) {
    // a value under the package calls a resolver declared opaque: kept as written, as the
    // whole config's --resolve keeps it
    const name = unsupportedResolverName(e);
    if (name === undefined || !(opts.opaque ?? []).includes(name) || opts.cfg === "hydra") throw e;
    const got = packageKeepingOpaque(c, readKeyPath(pkg), {
      resolvers: opts.resolvers,
      opaque: opts.opaque ?? [],
      onKept: opts.onOpaque,
      hydraKey: opts.cfg === "all",
    });
    if (got === undefined) throw e;
    return got;
  }
}

function selectPackageResolved(
  c: Composition,
  out: DictNode,
  pkg: string,
  opts: ShowOptions,
): Node {
  // OmegaConf.select's key syntax: `optim.betas[1]` as well as `optim.betas.1`
  const path = readKeyPath(pkg);
  // did-you-mean spelt as -p reads it back: `p[obs.state]` for a key holding a dot; a key
  // that is there but null or `???` is no typo (select gives None for it): that is said instead
  const notFound = (there?: { node: Node; at: Node; reads: boolean }) =>
    new StrataError(ErrorCode.Key, `package '${pkg}' not found in config`, {
      fullKey: pkg,
      ...(there
        ? {
          related: [{
            message: `${pkg} ${there.reads ? "resolves to" : "is"} ${
              isMissingNode(there.node) ? "??? (missing)" : "null"
            }: Hydra prints such a package as not found`,
            origin: there.at.origin ?? {},
          }],
        }
        : {
          suggestions: suggest(pkg, keyPaths(out)),
          // a group's option a `# @package _group_` header put elsewhere: said at the header
          related: withLegacyPackageNote(`package '${pkg}'`, [], c.warningsAt),
        }),
    });
  // select goes through interpolations on the way (`v.0` with `v: ${w}` is `w.0`)
  const at = selectedPath(c, out, path, opts.resolvers);
  if (at === undefined) throw notFound();
  const node = at === "through" ? undefined : nodeAt(out, at);
  // select gives None for a missing key, a `???` and a null alike
  const none = (n: Node) => n.kind === "value" && (n.type === "missing" || n.type === "null");
  if (node && none(node)) throw notFound({ node, at: node, reads: false });
  if (node && node.kind !== "value" && !opts.resolve) return node;
  const withHydra = opts.cfg === "hydra" ? "only" : opts.cfg === "all" ? "first" : undefined;
  const where = at === "through" ? path : at;
  // select's value, read once: a resolver's container is printed as the resolver made it,
  // resolved only with --resolve (which resolves the node below, calling each resolver once)
  const read = opts.resolve
    ? undefined
    : selectedValueAt(c, where, { resolvers: opts.resolvers, withHydra });
  if (read && read.kind !== "value" && !isPlainValue(read)) return read;
  const got = read?.kind === "value" ? read : packageAsShown(c, where, {
    resolvers: opts.resolvers,
    withHydra,
    reuse: true,
    // OmegaConf.resolve of the selected container refuses a resolver's plain list or dict in
    // it, as the whole config's does; the selected value itself is select's, which show_cfg prints
    refusePlainResults: opts.resolve && opts.format !== "json",
    toContainer: opts.resolve && opts.format === "json",
  });
  if (none(got)) {
    throw notFound({ node: got, at: node ?? got, reads: node !== undefined && node !== got });
  }
  // a resolved value in a typed field of the hydra node is converted, as in the whole node
  // (`-p hydra.job.env_set`: checker v72 #1)
  if (opts.resolve && where[0] === "hydra" && where.every((k) => typeof k === "string")) {
    return typeHydraAt(where.slice(1) as string[], got, typedPlugins(c.defaults));
  }
  // a resolver's plain list or dict is Python data to OmegaConf.select: show_cfg print()s it,
  // repr inside; a str it returned print()s as itself (`Ant`, not `'Ant'`)
  if (isPlainValue(got) && opts.format !== "json") {
    return got.kind === "value" && typeof got.value === "string"
      ? str(got.value)
      : str(pyRepr(got));
  }
  return got;
}

function isMissingNode(n: Node): boolean {
  return n.kind === "value" && n.type === "missing";
}
