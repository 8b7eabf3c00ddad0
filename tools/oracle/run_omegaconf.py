"""The oracle side of tools/oracle/main.ts: reads a JSON list of tasks on
stdin, runs each with the real OmegaConf 2.2 / PyYAML, and writes a JSON list
of results. A task is {"kind": "yaml" | "grammar" | "merge" | "update" | "object" |
"resolved-yaml" | "select" | "getitem" | "emit", ...};
floats come back tagged ["F", x] (ints ["I", "digits"]) so that int and
float stay apart in JSON."""
import json
import math
import os
import sys
import tempfile
import warnings

import yaml
from omegaconf import OmegaConf
from omegaconf.grammar_parser import parse


def tag(o):
    if isinstance(o, bool) or o is None or isinstance(o, str):
        return o
    if isinstance(o, float):
        return ["F", "nan" if math.isnan(o) else repr(o)]
    if isinstance(o, int):
        return ["I", str(o)]
    if isinstance(o, dict):
        return [[str(k), tag(v)] for k, v in o.items()]
    if isinstance(o, list):
        return [tag(v) for v in o]
    return repr(o)


def error(e):
    out = {"error": type(e).__name__, "message": str(e).split("\n")[0]}
    mark = getattr(e, "problem_mark", None)
    if isinstance(e, yaml.MarkedYAMLError) and mark is not None:
        out.update(problem=e.problem, line=mark.line + 1, col=mark.column + 1)
    return out


def load(text, tmp):
    with open(tmp, "w") as f:
        f.write(text)
    return OmegaConf.load(tmp)


def run(task, tmp):
    kind = task["kind"]
    try:
        if kind == "yaml":
            return {"value": tag(OmegaConf.to_container(load(task["text"], tmp)))}
        if kind == "grammar":
            parse(task["text"])
            return {"value": "OK"}
        if kind == "merge":
            a = load(task["a"], tmp)
            b = load(task["b"], tmp)
            if task.get("struct"):
                OmegaConf.set_struct(a, True)
            return {"value": OmegaConf.to_yaml(OmegaConf.merge(a, b))}
        if kind == "update":
            cfg = load(task["text"], tmp)
            if task.get("struct"):
                OmegaConf.set_struct(cfg, True)
            value = OmegaConf.to_container(load("v: " + task["value"], tmp))["v"]
            OmegaConf.update(cfg, task["key"], value, merge=task["merge"], force_add=task["force"])
            return {"value": OmegaConf.to_yaml(cfg)}
        if kind == "object":
            return {"value": tag(OmegaConf.to_object(load(task["text"], tmp)))}
        if kind == "select":
            cfg = load(task["text"], tmp)
            kw = {"throw_on_missing": task["throwOnMissing"],
                  "throw_on_resolution_failure": task["throwOnResolutionFailure"]}
            if task["withDefault"]:
                kw["default"] = 7
            v = OmegaConf.select(cfg, task["key"], **kw)
            if OmegaConf.is_config(v):
                v = OmegaConf.to_container(v, resolve=True)
            return {"value": tag(v)}
        if kind == "getitem":
            v = load(task["text"], tmp)
            if task.get("struct"):
                OmegaConf.set_struct(v, True)
            for k in task["path"]:
                v = v[int(k)] if OmegaConf.is_list(v) and k.lstrip("-").isdigit() else v[k]
            if OmegaConf.is_config(v):
                v = OmegaConf.to_object(v)
            return {"value": tag(v)}
        if kind == "emit":
            return {"value": OmegaConf.to_yaml(OmegaConf.create(json.loads(task["json"])))}
        if kind == "resolved-yaml":
            return {"value": OmegaConf.to_yaml(load(task["text"], tmp), resolve=True)}
        return {"error": "unknown task", "message": kind}
    except RecursionError as e:
        return {"error": "RecursionError", "message": str(e).split("\n")[0]}
    except Exception as e:  # every failure is a result to compare
        return error(e)


def main():
    warnings.simplefilter("ignore")  # OmegaConf's UserWarnings (strata's go to its own handler)
    tasks = json.load(sys.stdin)
    fd, tmp = tempfile.mkstemp(suffix=".yaml")
    os.close(fd)
    try:
        json.dump([run(t, tmp) for t in tasks], sys.stdout)
    finally:
        os.remove(tmp)


main()
