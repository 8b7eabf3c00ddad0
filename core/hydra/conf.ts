/**
 * Hydra's own configuration, embedded: what `pkg://hydra.conf` and Hydra's
 * ConfigStore entries provide (the `hydra/*` config groups and the
 * `hydra/config` schema with its defaults list). Kept as YAML text so that
 * `deno compile` embeds it; the values are those Hydra 1.3.2 composes.
 *
 * @module
 */

const HELP_TEMPLATE = "${hydra.help.header}\n== Configuration groups ==\n" +
  "Compose your configuration from those groups (group=option)\n\n$APP_CONFIG_GROUPS\n\n" +
  "== Config ==\nOverride anything in the config (foo.bar=value)\n\n$CONFIG\n\n" +
  "${hydra.help.footer}\n";

const HYDRA_HELP_TEMPLATE = "Hydra (${hydra.runtime.version})\n" +
  "See https://hydra.cc for more info.\n\n== Flags ==\n$FLAGS_HELP\n\n" +
  "== Configuration groups ==\nCompose your configuration from those groups " +
  "(For example, append hydra/job_logging=disabled to command line)\n\n" +
  "$HYDRA_CONFIG_GROUPS\n\nUse '--cfg hydra' to Show the Hydra config.\n";

/** JSON is YAML: strings with newlines are written as JSON strings. */
const q = (s: string) => JSON.stringify(s);

/**
 * `hydra/config`: Hydra's schema (HydraConf) and its defaults list. It has no
 * `_self_`, so the schema merges last and its `???` values never overwrite
 * what the group options set.
 */
const HYDRA_CONFIG = `defaults:
  - output: default
  - launcher: basic
  - sweeper: basic
  - help: default
  - hydra_help: default
  - hydra_logging: default
  - job_logging: default
  - callbacks: null
  - env: default
mode: null
searchpath: []
run:
  dir: ???
sweep:
  dir: ???
  subdir: ???
hydra_logging: ???
job_logging: ???
sweeper: ???
launcher: ???
callbacks: {}
help:
  app_name: ???
  header: ???
  footer: ???
  template: ???
hydra_help:
  hydra_help: ???
  template: ???
output_subdir: .hydra
overrides:
  hydra: []
  task: []
job:
  name: ???
  chdir: null
  override_dirname: ???
  id: ???
  num: ???
  config_name: ???
  env_set: {}
  env_copy: []
  config:
    override_dirname:
      kv_sep: '='
      item_sep: ','
      exclude_keys: []
runtime:
  version: ???
  version_base: ???
  cwd: ???
  config_sources: ???
  output_dir: ???
  choices: {}
verbose: false
`;

const LOGGING_CONSOLE = `  console:
    class: logging.StreamHandler
    formatter: simple
    stream: ext://sys.stdout`;

/**
 * The YAML files of `pkg://hydra.conf`, by config path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HYDRA_PKG_CONFIGS } from "./conf.ts";
 * assert.ok("hydra/job_logging/disabled" in HYDRA_PKG_CONFIGS);
 * ```
 */
export const HYDRA_PKG_CONFIGS: Readonly<Record<string, string>> = {
  "hydra/output/default": `# @package hydra
run:
  dir: outputs/\${now:%Y-%m-%d}/\${now:%H-%M-%S}
sweep:
  dir: multirun/\${now:%Y-%m-%d}/\${now:%H-%M-%S}
  subdir: \${hydra.job.num}
`,
  "hydra/help/default": `app_name: \${hydra.job.name}
header: ${q("${hydra.help.app_name} is powered by Hydra.\n")}
footer: ${q("Powered by Hydra (https://hydra.cc)\nUse --hydra-help to view Hydra specific help\n")}
template: ${q(HELP_TEMPLATE)}
`,
  "hydra/hydra_help/default": `template: ${q(HYDRA_HELP_TEMPLATE)}
`,
  "hydra/hydra_logging/default": `version: 1
formatters:
  simple:
    format: '[%(asctime)s][HYDRA] %(message)s'
handlers:
${LOGGING_CONSOLE}
root:
  level: INFO
  handlers:
  - console
loggers:
  logging_example:
    level: DEBUG
disable_existing_loggers: false
`,
  "hydra/hydra_logging/disabled": `version: 1
root:
  level: ERROR
disable_existing_loggers: true
`,
  "hydra/hydra_logging/hydra_debug": `version: 1
formatters:
  simple:
    format: '[%(asctime)s][%(name)s][%(levelname)s] - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    mode: w
    formatter: simple
    filename: hydra-\${hydra.job.name}.log
    delay: true
root:
  level: ERROR
  handlers:
  - file
loggers:
  hydra:
    level: DEBUG
disable_existing_loggers: false
`,
  "hydra/hydra_logging/none": `version: 1
root: null
disable_existing_loggers: false
`,
  "hydra/job_logging/default": `version: 1
formatters:
  simple:
    format: '[%(asctime)s][%(name)s][%(levelname)s] - %(message)s'
handlers:
${LOGGING_CONSOLE}
  file:
    class: logging.FileHandler
    formatter: simple
    filename: \${hydra.runtime.output_dir}/\${hydra.job.name}.log
root:
  level: INFO
  handlers:
  - console
  - file
disable_existing_loggers: false
`,
  "hydra/job_logging/disabled": `version: 1
root:
  level: ERROR
disable_existing_loggers: true
`,
  "hydra/job_logging/none": `version: 1
root: null
disable_existing_loggers: false
`,
  "hydra/job_logging/stdout": `version: 1
formatters:
  simple:
    format: '%(message)s'
handlers:
${LOGGING_CONSOLE}
root:
  level: INFO
  handlers:
  - console
disable_existing_loggers: false
`,
  "hydra/env/default": ``,
};

/**
 * Hydra's ConfigStore entries (the `structured://` schema source), by config path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HYDRA_SCHEMA_CONFIGS } from "./conf.ts";
 * assert.ok(HYDRA_SCHEMA_CONFIGS["hydra/launcher/basic"].startsWith("_target_:"));
 * ```
 */
export const HYDRA_SCHEMA_CONFIGS: Readonly<Record<string, string>> = {
  "hydra/config": HYDRA_CONFIG,
  "hydra/launcher/basic": `_target_: hydra._internal.core_plugins.basic_launcher.BasicLauncher
`,
  "hydra/sweeper/basic": `_target_: hydra._internal.core_plugins.basic_sweeper.BasicSweeper
max_batch_size: null
params: null
`,
  // Hydra composes `compose(config_name=None)` from this empty primary config.
  "_dummy_empty_config_": ``,
};

/**
 * The Hydra version strata composes like (`hydra.runtime.version`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HYDRA_VERSION } from "./conf.ts";
 * assert.equal(HYDRA_VERSION, "1.3.2");
 * ```
 */
export const HYDRA_VERSION = "1.3.2";
/**
 * The `version_base` strata composes with (`hydra.runtime.version_base`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HYDRA_VERSION_BASE } from "./conf.ts";
 * assert.equal(HYDRA_VERSION_BASE, "1.3");
 * ```
 */
export const HYDRA_VERSION_BASE = "1.3";
