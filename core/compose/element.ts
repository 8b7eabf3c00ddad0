/**
 * The elements of a defaults list: a config (`db/mysql`, `_self_`) or a group
 * choice (`db: mysql`), with the package arithmetic Hydra applies to them
 * (relative groups, `@pkg`, `_here_`, `_global_`, `# @package` headers).
 *
 * @module
 */

import type { Origin } from "../node.ts";

/** What all defaults list elements share. */
abstract class DefaultBase {
  /** The explicit `@package` (`_here_` is stored as ""), or null. */
  package: string | null;
  parentBaseDir: string | null = null;
  parentPackage: string | null = null;
  packageHeader: string | null = null;
  primary = false;
  optional = false;
  deleted = false;
  /** Where the entry was written (file:line:col, or the override). */
  origin?: Origin;
  /** Where a group entry's key was written (`db` of `- db: mysql`), when a file holds it. */
  keyOrigin?: Origin;
  /** Where each item of an options list was written (`- callbacks: [a, b]`), when a file holds it. */
  itemOrigins?: (Origin | undefined)[];
  /** Words before a group that are no keyword (`overide /model: x`), which Hydra ignores. */
  ignoredWords?: string[];
  /**
   * version_base 1.1: `_name_` in the entry's own package is the option chosen, whatever an
   * override makes it (`- db@foo._name_: mysql` lands at `foo.mysql`).
   */
  nameInPackage = false;

  constructor(pkg: string | null) {
    this.package = pkg === "_here_" ? "" : pkg;
  }

  abstract isSelf(): boolean;
  abstract groupPath(): string;
  abstract configPath(): string;
  abstract name(): string | null;
  abstract finalPackage(defaultToHeader?: boolean): string;
  protected abstract relativeGroupPath(): string;

  /** Places the element under its parent config (its base dir and package). */
  updateParent(baseDir: string, parentPackage: string): void {
    this.parentBaseDir = baseDir;
    this.parentPackage = parentPackage;
    if (this.package !== null && this.package.includes("_group_")) {
      this.package = "_global_." + this.package.replaceAll("_group_", this.defaultPackage());
    }
  }

  /** The package a group's option goes to by default: its group path with dots. */
  defaultPackage(): string {
    return this.groupPath().replaceAll("/", ".");
  }

  /** Records the `# @package` header of the loaded config (always absolute). */
  setPackageHeader(header: string | null): void {
    if (header === null) return;
    if (header !== "_global_" && !header.startsWith("_global_.")) {
      header = header === "" ? "_global_" : `_global_.${header}`;
    }
    this.packageHeader = header;
  }

  packageOrHeader(defaultToHeader = true): string | null {
    return this.package === null && defaultToHeader ? this.packageHeader : this.package;
  }

  protected computeFinalPackage(parentPackage: string, pkg: string | null): string {
    if (pkg === null) pkg = this.relativeGroupPath().replaceAll("/", ".");
    const name = this.name();
    if (this.nameInPackage && name !== null) pkg = pkg.replaceAll("_name_", name);
    const joined = parentPackage === ""
      ? pkg
      : pkg === ""
      ? parentPackage
      : `${parentPackage}.${pkg}`;
    const at = joined.lastIndexOf("_global_");
    return at === -1 ? joined : joined.slice(at + "_global_".length + 1);
  }

  /** `group` or `group@package`: how command-line overrides name this entry. */
  overrideKey(): string {
    const def = this.defaultPackage();
    let fin = this.finalPackage(false);
    let key = this.groupPath();
    if (def !== fin) {
      if (fin === "") fin = "_global_";
      key = `${key}@${fin}`;
    }
    return key;
  }

  isMissing(): boolean {
    return this.name() === "???";
  }
}

/**
 * A config entry: `db/mysql`, `/abs/path`, `_self_`, `config@pkg`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigDefault } from "./element.ts";
 * const d = new ConfigDefault("db/mysql");
 * d.updateParent("", "");
 * assert.equal(d.configPath(), "db/mysql");
 * assert.equal(d.finalPackage(), "db");
 * ```
 */
export class ConfigDefault extends DefaultBase {
  readonly kind = "config";

  constructor(public path: string, pkg: string | null = null, optional = false) {
    super(pkg);
    this.optional = optional;
  }

  isSelf(): boolean {
    return this.path === "_self_";
  }

  private split(): { rel: string; absolute: boolean } {
    return this.path.startsWith("/")
      ? { rel: this.path.slice(1), absolute: true }
      : { rel: this.path, absolute: false };
  }

  groupPath(): string {
    const { rel, absolute } = this.split();
    const idx = rel.lastIndexOf("/");
    const group = idx === -1 ? "" : rel.slice(0, idx);
    if (absolute || this.parentBaseDir === "") return group;
    return group === "" ? this.parentBaseDir! : `${this.parentBaseDir}/${group}`;
  }

  name(): string {
    const idx = this.path.lastIndexOf("/");
    return idx === -1 ? this.path : this.path.slice(idx + 1);
  }

  configPath(): string {
    const { rel, absolute } = this.split();
    if (absolute || this.parentBaseDir === "" || this.parentBaseDir === null) return rel;
    return `${this.parentBaseDir}/${rel}`;
  }

  finalPackage(defaultToHeader = true): string {
    return this.computeFinalPackage(
      this.parentPackage ?? "",
      this.packageOrHeader(defaultToHeader),
    );
  }

  protected relativeGroupPath(): string {
    const { rel } = this.split();
    const idx = rel.lastIndexOf("/");
    return idx === -1 ? "" : rel.slice(0, idx);
  }

  isInterpolation(): boolean {
    return this.configPath().includes("${");
  }
}

/**
 * A group choice: `db: mysql`, `optional db@pkg: null`, `override db: x`, `site: [a, b]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GroupDefault } from "./element.ts";
 * const d = new GroupDefault("db", "mysql", "backup");
 * d.updateParent("", "");
 * assert.equal(d.configPath(), "db/mysql");
 * assert.equal(d.overrideKey(), "db@backup");
 * ```
 */
export class GroupDefault extends DefaultBase {
  readonly kind = "group";
  override = false;
  /** True for `+group=option` from the command line (its group is absolute). */
  externalAppend = false;
  configNameOverridden = false;

  constructor(
    public group: string,
    public value: string | string[] | null,
    pkg: string | null = null,
  ) {
    super(pkg);
  }

  isSelf(): boolean {
    return this.value === "_self_";
  }

  groupPath(): string {
    const absolute = this.group.startsWith("/") || this.externalAppend;
    const group = this.group.startsWith("/") ? this.group.slice(1) : this.group;
    if (this.parentBaseDir === "" || this.parentBaseDir === null || absolute) return group;
    return `${this.parentBaseDir}/${group}`;
  }

  configPath(): string {
    return `${this.groupPath()}/${this.name()}`;
  }

  isOptions(): boolean {
    return Array.isArray(this.value);
  }

  name(): string | null {
    return Array.isArray(this.value) ? null : this.value;
  }

  finalPackage(defaultToHeader = true): string {
    return this.computeFinalPackage(
      this.externalAppend ? "" : this.parentPackage ?? "",
      this.packageOrHeader(defaultToHeader),
    );
  }

  protected relativeGroupPath(): string {
    return this.group.startsWith("/") ? this.group.slice(1) : this.group;
  }

  isInterpolation(): boolean {
    return typeof this.value === "string" && this.value.includes("${");
  }

  /** The override key as written inside the containing config (`group@pkg`). */
  relativeOverrideKey(): string {
    const def = this.defaultPackage();
    if (this.package !== null && def !== this.packageOrHeader()) {
      return `${this.group}@${this.package}`;
    }
    return this.group;
  }
}

/** Any defaults list element. */
export type InputDefault = ConfigDefault | GroupDefault;
