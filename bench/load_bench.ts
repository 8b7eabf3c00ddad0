/**
 * YAML loading: strata's loader (fast block reader, and the full npm:yaml
 * path) against plain npm:yaml `parse`, on generated configs with 10^4 and
 * 10^5 leaves (nested mappings, some lists, ~10% interpolation strings).
 */

import "../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { parse } from "yaml";
import { loadYaml } from "../core/yaml/load.ts";

/** A config like a big experiment sweep file: nested groups of typed leaves. */
export function generateYaml(leaves: number): string {
  const out: string[] = [];
  let made = 0;
  const leaf = (i: number): string => {
    switch (i % 10) {
      case 0:
        return "${group.k" + (i % 7) + ".lr}";
      case 1:
        return String(i);
      case 2:
        return (i / 7).toFixed(4);
      case 3:
        return "5e-5";
      case 4:
        return "true";
      case 5:
        return "'quoted " + i + "'";
      case 6:
        return "null";
      case 7:
        return "[1, 2, " + i + "]";
      default:
        return "name_" + i + " # a comment";
    }
  };
  const block = (depth: number, indent: string) => {
    for (let i = 0; i < 10 && made < leaves; i++) {
      if (depth < 3) {
        out.push(`${indent}k${i}:`);
        block(depth + 1, indent + "  ");
      } else {
        out.push(`${indent}v${i}: ${leaf(made)}`);
        made += 1;
      }
    }
  };
  let g = 0;
  while (made < leaves) {
    out.push(`g${g++}:`);
    block(0, "  ");
  }
  return out.join("\n") + "\n";
}

for (const n of [10_000, 100_000]) {
  const text = generateYaml(n);
  const group = `load ${n} leaves (${(text.length / 1e6).toFixed(1)} MB)`;
  Deno.bench(`strata loadYaml (fast reader), ${n} leaves`, { group, baseline: true }, () => {
    loadYaml(text);
  });
  Deno.bench(`strata loadYaml (full npm:yaml path), ${n} leaves`, { group }, () => {
    loadYaml(text, { reader: "full" });
  });
  Deno.bench(`npm:yaml parse (uniqueKeys: false), ${n} leaves`, { group }, () => {
    parse(text, { uniqueKeys: false });
  });
}
