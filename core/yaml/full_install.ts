/**
 * Installs the full YAML reader (full_reader.ts): imported for its effect by
 * every entry point that does not defer it, `import "./core/yaml/full_install.ts"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import "./full_install.ts";
 * import { fullReaderInstalled } from "./full_reader.ts";
 * assert.equal(fullReaderInstalled(), true);
 * ```
 *
 * @module
 */

import { readFull } from "./full.ts";
import { installFullReader } from "./full_reader.ts";

installFullReader(readFull);
