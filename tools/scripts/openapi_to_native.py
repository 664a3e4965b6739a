#!/usr/bin/env python3
"""Writes a native kube-clientgen schema (DESIGN "Native schema format") for one kind of the
Kubernetes OpenAPI v2 spec, with every definition it references under "definitions". The
bundled core/apps schemas are made with it (tools/scripts/update-k8s-schemas.sh), so they hold
every field of the real API.

usage: openapi_to_native.py SWAGGER DEFINITION --group G --version V --kind K --plural P
                            [--scope Namespaced|Cluster] [--subresources status,scale]
                            [--short-names po] [--verbs create,...]
"""
import argparse
import collections
import json
import sys

# apimachinery types the runtime provides (kube::ObjectMeta, kube::Quantity, ...): referenced
# by their short name and left out of "definitions", so generated code uses the runtime types.
RUNTIME = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": "ObjectMeta",
    "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": "ListMeta",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "Time",
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "MicroTime",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Condition": "Condition",
    "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": "LabelSelector",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Duration": "Duration",
    "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": "OwnerReference",
    "io.k8s.apimachinery.pkg.api.resource.Quantity": "Quantity",
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "IntOrString",
    "io.k8s.apimachinery.pkg.runtime.RawExtension": "RawExtension",
}
PREFIX = "#/definitions/"


def short(name, taken):
    base = name.rsplit(".", 1)[-1]
    if taken.get(base, name) != name:
        base = "".join(p.capitalize() for p in name.split(".")[-3:])
    taken[base] = name
    return base


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("swagger")
    ap.add_argument("definition")
    ap.add_argument("--group", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--kind", required=True)
    ap.add_argument("--plural", required=True)
    ap.add_argument("--scope", default="Namespaced")
    ap.add_argument("--subresources", default="")
    ap.add_argument("--short-names", default="")
    ap.add_argument("--verbs", default="")
    a = ap.parse_args()

    defs = json.load(open(a.swagger))["definitions"]
    taken = {}
    names = {}

    def rewrite(node):
        if isinstance(node, dict):
            out = collections.OrderedDict()
            for k, v in node.items():
                if k == "$ref":
                    target = v[len(PREFIX):]
                    if target in RUNTIME:
                        out[k] = PREFIX + RUNTIME[target]
                    else:
                        if target not in names:
                            names[target] = short(target, taken)
                            queue.append(target)
                        out[k] = PREFIX + names[target]
                elif k.startswith("x-kubernetes-") and k not in (
                        "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields"):
                    continue  # list/map/patch hints the generator does not use
                else:
                    out[k] = rewrite(v)
            return out
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    queue = collections.deque()
    root = rewrite(defs[a.definition])
    root["type"] = "object"
    definitions = collections.OrderedDict()
    while queue:
        name = queue.popleft()
        definitions[names[name]] = rewrite(defs[name])
    doc = collections.OrderedDict()
    doc["group"] = a.group
    doc["version"] = a.version
    doc["kind"] = a.kind
    doc["plural"] = a.plural
    doc["scope"] = a.scope
    if a.subresources:
        doc["subresources"] = a.subresources.split(",")
    if a.short_names:
        doc["shortNames"] = a.short_names.split(",")
    if a.verbs:
        doc["verbs"] = a.verbs.split(",")
    doc["description"] = "Converted from the Kubernetes OpenAPI spec (%s) by %s." % (
        a.definition, "tools/scripts/openapi_to_native.py")
    doc["schema"] = root
    doc["definitions"] = collections.OrderedDict(sorted(definitions.items()))
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
