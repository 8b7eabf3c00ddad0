/**
 * Loads YAML text into a config tree in OmegaConf's dialect, every node with
 * its origin (file:line:col). npm:yaml reads the syntax (failsafe schema, so
 * every scalar arrives as text); the dialect is applied here.
 *
 * @module
 */

import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { ErrorCode, StrataError } from "../errors.ts";
import {
  canonicalKey,
  type DictNode,
  type Entry,
  type Key,
  type ListNode,
  missing,
  type Node,
  type Origin,
  str,
} from "../node.ts";
import { resolvePlainScalar } from "./scalar.ts";

/** Options of {@link loadYaml}. */
export interface LoadOptions {
  /** The file name origins carry (default `<string>`). */
  file?: string;
}

type YNode = YAMLMap | YAMLSeq | Scalar | Alias;

class Loader {
  constructor(
    readonly doc: Document,
    readonly lines: LineCounter,
    readonly file: string,
  ) {}

  origin(node: { range?: [number, number, number] | null } | null | undefined): Origin {
    const pos = node?.range ? this.lines.linePos(node.range[0]) : undefined;
    return pos ? { file: this.file, line: pos.line, col: pos.col } : { file: this.file };
  }

  fail(code: typeof ErrorCode[keyof typeof ErrorCode], message: string, at?: YNode | null): never {
    throw new StrataError(code, message, { origin: this.origin(at) });
  }

  scalar(node: Scalar): Node {
    const origin = this.origin(node);
    const text = String(node.value ?? "");
    const tag = node.tag;
    if (tag && tag !== "!" && tag !== "tag:yaml.org,2002:str") {
      const typed = resolvePlainScalar(text, origin);
      const want: Record<string, string> = {
        "tag:yaml.org,2002:int": "int",
        "tag:yaml.org,2002:float": "float",
        "tag:yaml.org,2002:bool": "bool",
        "tag:yaml.org,2002:null": "null",
      };
      if (want[tag] && typed.type === want[tag]) return typed;
      this.fail(
        ErrorCode.YamlConstruct,
        `could not determine a constructor for the tag '${tag}'`,
        node,
      );
    }
    if (node.type === "PLAIN" && tag === undefined) return resolvePlainScalar(text, origin);
    return text === "???" ? missing(origin) : str(text, origin);
  }

  key(node: YNode | null): Key {
    if (node === null) return null;
    if (isAlias(node)) return this.key(node.resolve(this.doc) as YNode);
    if (!isScalar(node)) {
      this.fail(
        ErrorCode.KeyValidation,
        "Incompatible key type: containers are not valid keys",
        node,
      );
    }
    const value = this.scalar(node);
    if (value.kind !== "value") throw new Error("unreachable");
    switch (value.type) {
      case "str":
        return value.value as string;
      case "int":
        return value.value as number | bigint;
      case "bool":
        return value.value as boolean;
      case "null":
        return null;
      case "missing":
        return "???";
      default:
        return this.fail(ErrorCode.KeyValidation, `Incompatible key type '${value.type}'`, node);
    }
  }

  map(node: YAMLMap): DictNode {
    const entries = new Map<string, Entry>();
    const seen = new Set<string>();
    const merged: DictNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      if (isScalar(keyNode) && keyNode.type === "PLAIN" && keyNode.value === "<<") {
        const src = pair.value as YNode | null;
        const sources = isSeq(src) ? (src.items as YNode[]) : [src];
        for (const s of sources) {
          const m = this.node(s);
          if (m.kind !== "dict") {
            this.fail(ErrorCode.YamlConstruct, "expected a mapping for merging", s);
          }
          merged.push(m);
        }
        continue;
      }
      const raw = isScalar(keyNode) && keyNode.source !== undefined
        ? String(keyNode.type) + ":" + String(keyNode.source)
        : JSON.stringify(keyNode?.toJSON?.() ?? null);
      if (seen.has(raw)) {
        this.fail(ErrorCode.YamlConstruct, `found duplicate key ${String(keyNode)}`, keyNode);
      }
      seen.add(raw);
      const key = this.key(keyNode);
      entries.set(canonicalKey(key), { key, node: this.node(pair.value as YNode | null, pair) });
    }
    if (merged.length > 0) {
      // explicit keys win over merged ones; earlier merge sources win over later ones
      const out = new Map<string, Entry>();
      for (const m of merged) {
        for (const [k, e] of m.entries) if (!out.has(k) && !entries.has(k)) out.set(k, e);
      }
      for (const [k, e] of entries) out.set(k, e);
      return { kind: "dict", entries: out, origin: this.origin(node) };
    }
    return { kind: "dict", entries, origin: this.origin(node) };
  }

  seq(node: YAMLSeq): ListNode {
    return {
      kind: "list",
      items: node.items.map((item) => this.node(item as YNode | null)),
      origin: this.origin(node),
    };
  }

  node(node: YNode | null, pair?: unknown): Node {
    if (node === null || node === undefined) {
      return resolvePlainScalar("", pair ? this.origin(pair as YNode) : undefined);
    }
    if (isAlias(node)) return this.node(node.resolve(this.doc) as YNode);
    if (isMap(node)) return this.map(node);
    if (isSeq(node)) return this.seq(node);
    if (isScalar(node)) return this.scalar(node);
    return this.fail(ErrorCode.YamlConstruct, "unsupported YAML node", node);
  }
}

/**
 * Parses YAML text into a config tree (OmegaConf.create on a YAML string).
 *
 * @throws {StrataError} `yaml-syntax`, `yaml-construct` or `yaml-not-a-config`, with file:line:col.
 * @example
 * ```ts
 * import { loadYaml } from "./load.ts";
 * const cfg = loadYaml("lr: 5e-5\nname: run\n", { file: "conf/config.yaml" });
 * cfg.kind; // "dict"
 * ```
 */
export function loadYaml(text: string, options: LoadOptions = {}): DictNode | ListNode {
  const file = options.file ?? "<string>";
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    schema: "failsafe",
    uniqueKeys: false,
    lineCounter: lines,
    prettyErrors: false,
    merge: false,
  });
  if (!Array.isArray(docs)) {
    return { kind: "dict", entries: new Map(), origin: { file } };
  }
  if (docs.length > 1) {
    const pos = docs[1].range ? lines.linePos(docs[1].range[0]) : undefined;
    throw new StrataError(ErrorCode.YamlSyntax, "expected a single document in the stream", {
      origin: { file, line: pos?.line, col: pos?.col },
    });
  }
  const doc = docs[0];
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    throw new StrataError(ErrorCode.YamlSyntax, err.message.split("\n")[0], {
      origin: { file, line: pos?.line, col: pos?.col },
    });
  }
  const loader = new Loader(doc, lines, file);
  const contents = doc.contents as YNode | null;
  if (contents === null) return { kind: "dict", entries: new Map(), origin: { file } };
  const root = loader.node(contents);
  if (root.kind === "value") {
    if (root.type === "str") {
      const key = root.value as string;
      return {
        kind: "dict",
        entries: new Map([[canonicalKey(key), { key, node: resolvePlainScalar("") }]]),
        origin: root.origin,
      };
    }
    throw new StrataError(ErrorCode.YamlNotAConfig, "a config must be a mapping or a list", {
      origin: root.origin,
    });
  }
  return root;
}

/**
 * Reads and loads a YAML file; origins name `path` as given.
 *
 * @example
 * ```ts ignore
 * import { loadYamlFile } from "./load.ts";
 * const cfg = await loadYamlFile("conf/config.yaml");
 * ```
 */
export async function loadYamlFile(path: string): Promise<DictNode | ListNode> {
  return loadYaml(await Deno.readTextFile(path), { file: path });
}
