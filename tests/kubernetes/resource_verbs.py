#!/usr/bin/env python3
"""Derives the resource x verb table of the Kubernetes API from its OpenAPI spec, independently
of kube-clientgen's loader: one line per resource, "group/version resource Kind scope verbs
subresources", verbs as discovery names them. The committed resource_verbs.txt is what
KubernetesMatrixTest compares the generated scheme with.

  tests/kubernetes/resource_verbs.py schemas/kubernetes/swagger.json > tests/kubernetes/resource_verbs.txt
"""
import json
import sys

ACTIONS = {"post": "create", "put": "update", "patch": "patch", "delete": "delete",
           "deletecollection": "deletecollection", "watch": "watch", "watchlist": "watch",
           "list": "list"}


def main(path):
    spec = json.load(open(path))
    resources = {}
    for p, ops in spec["paths"].items():
        segs = p.strip("/").split("/")
        if segs[0] == "api" and len(segs) >= 2:
            gv, rest = "core/" + segs[1], segs[2:]
        elif segs[0] == "apis" and len(segs) >= 3:
            gv, rest = segs[1] + "/" + segs[2], segs[3:]
        else:
            continue
        watch = bool(rest) and rest[0] == "watch"
        if watch:
            rest = rest[1:]
        namespaced = len(rest) >= 3 and rest[0] == "namespaces" and rest[1] == "{namespace}"
        if namespaced:
            rest = rest[2:]
        if not rest:
            continue
        plural, named = rest[0], len(rest) >= 2 and rest[1] == "{name}"
        sub = rest[2] if named and len(rest) == 3 else ""
        if len(rest) != (2 if named else 1) + (1 if sub else 0):
            continue
        for method, op in ops.items():
            if not isinstance(op, dict) or "x-kubernetes-action" not in op:
                continue
            gvk = op.get("x-kubernetes-group-version-kind")
            if not gvk:
                continue
            r = resources.setdefault((gv, plural), {"kind": "", "ns": False, "verbs": set(), "subs": set()})
            r["ns"] = r["ns"] or namespaced
            action = op["x-kubernetes-action"]
            if sub:
                if sub == "status":
                    r["subs"].add("status")
                elif sub == "scale" and action in ("get", "put"):
                    r["subs"].add("scale")
                continue
            r["kind"] = r["kind"] or gvk["kind"]
            if watch or action in ("watch", "watchlist"):
                r["verbs"].add("watch")
            elif action == "get":
                r["verbs"].add("get" if named else "list")
            elif action in ACTIONS:
                r["verbs"].add(ACTIONS[action])
    for (gv, plural), r in sorted(resources.items()):
        if not r["kind"]:
            continue
        print(gv, plural, r["kind"], "Namespaced" if r["ns"] else "Cluster",
              ",".join(sorted(r["verbs"])) or "-", ",".join(sorted(r["subs"])) or "-")


if __name__ == "__main__":
    main(sys.argv[1])
