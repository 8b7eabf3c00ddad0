/**
 * The defaults tree as a picture: a Mermaid flowchart or a Graphviz digraph
 * of the configs a composition merged (groups, chosen options, packages), with
 * a dashed edge from each override to the entry it chose, added or deleted. Hydra's own
 * `hydra/config` subtree is drawn as one node: it is the same in every app.
 *
 * @module
 */

import { formatOrigin } from "../errors.ts";
import type { Origin } from "../node.ts";
import type { TreeNode } from "./defaults_tree_node.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";

/** A box of the picture. */
export interface GraphNode {
  id: string;
  /** Lines of its label. */
  label: string[];
  kind: "root" | "config" | "group" | "self" | "override";
  /** Removed by `~group` or an optional config that does not exist. */
  deleted?: boolean;
}

/** An arrow: solid for "includes", dashed for "chose". */
export interface GraphEdge {
  from: string;
  to: string;
  dashed?: boolean;
  label?: string;
}

/** The picture as data, before it is written as Mermaid or dot. */
export interface DefaultsGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const isElement = (x: TreeNode | InputDefault): x is InputDefault =>
  x instanceof ConfigDefault || x instanceof GroupDefault;

function labelOf(d: InputDefault): { label: string[]; kind: GraphNode["kind"] } {
  if (d.isSelf()) return { label: ["_self_"], kind: "self" };
  const pkg = d.finalPackage();
  const at = pkg === "" ? "@_global_" : `@${pkg}`;
  if (d instanceof GroupDefault) {
    // a `null` choice reads as Hydra prints it (the text tree says null too)
    return { label: [`${d.groupPath()}: ${d.name() ?? "null"}`, at], kind: "group" };
  }
  return { label: d.primary ? [d.configPath(), "primary"] : [d.configPath(), at], kind: "config" };
}

/**
 * The graph of a defaults tree.
 *
 * @example
 * ```ts ignore
 * import { defaultsGraph } from "./defaults_graph.ts";
 * defaultsGraph(defaultsTree({ configDir: "conf", configName: "config" }).tree).nodes.length;
 * ```
 */
export function defaultsGraph(tree: TreeNode): DefaultsGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const overrides = new Map<string, string>();
  const add = (node: Omit<GraphNode, "id">) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, ...node });
    return id;
  };
  const from = (by: Origin, id: string, label: string) => {
    const text = formatOrigin(by);
    let oid = overrides.get(text);
    if (!oid) overrides.set(text, oid = add({ label: [text], kind: "override" }));
    edges.push({ from: oid, to: id, dashed: true, label });
  };
  // the command-line overrides that chose (db=pg), added (+db=pg) or deleted (~db) an entry
  const chosenBy = (d: InputDefault, id: string) => {
    const by = (d as { overriddenBy?: Origin }).overriddenBy;
    if (by) from(by, id, "chose");
    else if (d.origin?.override !== undefined) from(d.origin, id, "added");
    const deletedBy = (d as { deletedBy?: Origin }).deletedBy;
    if (deletedBy) from(deletedBy, id, "deleted");
  };
  const visit = (t: TreeNode | InputDefault, parent: string) => {
    const d = isElement(t) ? t : t.node!;
    const id = add({ ...labelOf(d), ...(d.deleted && { deleted: true }) });
    edges.push({ from: parent, to: id });
    chosenBy(d, id);
    if (isElement(t) || !t.children) return;
    if (d.configPath() === "hydra/config") {
      nodes[nodes.length - 1].label.push(`Hydra's defaults: ${t.children.length} entries`);
      return;
    }
    for (const c of t.children) visit(c, id);
  };
  const root = add({ label: ["defaults"], kind: "root" });
  for (const c of tree.children ?? []) visit(c, root);
  return { nodes, edges };
}

function mermaidText(s: string): string {
  return s.replaceAll('"', "#quot;").replaceAll("<", "#lt;").replaceAll(">", "#gt;");
}

/**
 * A defaults graph as a Mermaid flowchart (GitHub renders it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toMermaid } from "./defaults_graph.ts";
 * const g = { nodes: [{ id: "n0", label: ["defaults"], kind: "root" as const },
 *   { id: "n1", label: ["db: mysql", "@db"], kind: "group" as const }],
 *   edges: [{ from: "n0", to: "n1" }] };
 * assert.match(toMermaid(g), /^flowchart TD\n  n0\(\["defaults"\]\)\n  n1\["db: mysql<br\/>@db"\]/);
 * ```
 */
export function toMermaid(g: DefaultsGraph): string {
  const lines = ["flowchart TD"];
  for (const n of g.nodes) {
    const text = `"${n.label.map(mermaidText).join("<br/>")}"`;
    const shape = n.kind === "root"
      ? `([${text}])`
      : n.kind === "override"
      ? `{{${text}}}`
      : n.kind === "self"
      ? `(${text})`
      : `[${text}]`;
    lines.push(`  ${n.id}${shape}`);
  }
  for (const e of g.edges) {
    const arrow = e.dashed ? "-.->" : "-->";
    lines.push(`  ${e.from} ${arrow}${e.label ? `|${e.label}|` : ""} ${e.to}`);
  }
  const deleted = g.nodes.filter((n) => n.deleted).map((n) => n.id);
  const overrides = g.nodes.filter((n) => n.kind === "override").map((n) => n.id);
  lines.push("  classDef override fill:#fff3bf,stroke:#f08c00");
  lines.push("  classDef deleted stroke-dasharray:4 4,color:#868e96");
  if (overrides.length) lines.push(`  class ${overrides.join(",")} override`);
  if (deleted.length) lines.push(`  class ${deleted.join(",")} deleted`);
  return lines.join("\n") + "\n";
}

/**
 * A defaults graph as a Graphviz digraph (`dot -Tsvg`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toDot } from "./defaults_graph.ts";
 * const g = { nodes: [{ id: "n0", label: ["defaults"], kind: "root" as const }], edges: [] };
 * assert.match(toDot(g), /^digraph defaults \{\n/);
 * ```
 */
export function toDot(g: DefaultsGraph): string {
  const lines = [
    "digraph defaults {",
    "  rankdir=TB;",
    '  node [shape=box, fontname="Helvetica"];',
  ];
  for (const n of g.nodes) {
    const label = JSON.stringify(n.label.join("\n"));
    const attrs = [`label=${label}`];
    if (n.kind === "root") attrs.push("shape=oval");
    if (n.kind === "self") attrs.push("shape=box", "style=rounded");
    if (n.kind === "override") attrs.push("shape=hexagon", 'style=filled, fillcolor="#fff3bf"');
    if (n.deleted) attrs.push('style=dashed, fontcolor="#868e96"');
    lines.push(`  ${n.id} [${attrs.join(", ")}];`);
  }
  for (const e of g.edges) {
    const attrs = [
      e.dashed ? "style=dashed" : "",
      e.label ? `label=${JSON.stringify(e.label)}` : "",
    ]
      .filter((a) => a !== "");
    lines.push(`  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(", ")}]` : ""};`);
  }
  return lines.join("\n") + "\n}\n";
}
