"""The OmegaConf side of `deno task bench:compare`.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
{"ms": <time of the operation alone>, ...}. Configs loaded are kept by name, so
the operations time what strata's do: load, merge, resolve, to_yaml. With
`compose DIR` as arguments it runs once, as a process: load the primary config
and the option of each group it selects, merge them, resolve, print JSON (the
nearest OmegaConf-only equivalent of `strata compose --resolve -f json`: Hydra
itself is not installed here).
"""

import json
import sys
import time

from omegaconf import OmegaConf

configs = {}


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000.0


def compose(conf_dir):
    primary = OmegaConf.load(f"{conf_dir}/config.yaml")
    layers = []
    for entry in primary.defaults:
        if entry == "_self_":
            continue
        (group, option), = entry.items()
        layers.append(OmegaConf.create({group: OmegaConf.load(f"{conf_dir}/{group}/{option}.yaml")}))
    cfg = OmegaConf.merge(*layers)
    return OmegaConf.to_container(cfg, resolve=True)


def handle(cmd):
    op = cmd["op"]
    if op == "load":
        cfg, ms = timed(lambda: OmegaConf.load(cmd["path"]))
        configs[cmd["name"]] = cfg
        return {"ms": ms}
    if op == "merge":
        cfg, ms = timed(lambda: OmegaConf.merge(configs[cmd["a"]], configs[cmd["b"]]))
        configs[cmd["name"]] = cfg
        return {"ms": ms}
    if op == "resolve":
        out, ms = timed(lambda: OmegaConf.to_container(configs[cmd["name"]], resolve=True))
        return {"ms": ms, "json": json.dumps(out) if cmd.get("dump") else None}
    if op == "to_yaml":
        out, ms = timed(lambda: OmegaConf.to_yaml(configs[cmd["name"]]))
        return {"ms": ms, "text": out if cmd.get("dump") else None}
    if op == "drop":
        configs.pop(cmd["name"], None)
        return {"ms": 0}
    raise ValueError(f"unknown op {op}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "compose":
        sys.stdout.write(json.dumps(compose(sys.argv[2])) + "\n")
        return
    sys.setrecursionlimit(10000)
    print(json.dumps({"ready": True, "version": OmegaConf.__module__}), flush=True)
    for line in sys.stdin:
        print(json.dumps(handle(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
