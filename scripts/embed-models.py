#!/usr/bin/env python3
"""Embeds botocore service models into the vueops binary (build time only).

For each service given as NAME=VERSION_DIR (the newest API-version folder of botocore's data
directory, chosen by src/model/CMakeLists.txt), this script:

  1. loads service-2.json[.gz], paginators-1.json and waiters-2.json, deep-merging the
     matching *.sdk-extras.json "merge" documents exactly as botocore's loader does;
  2. drops what the client never reads (documentation, examples, regex patterns that
     botocore's validator ignores, ...) and stores structure members as ordered pairs;
  3. writes one gzip document {"service", "paginators", "waiters"} per service (gzip with a
     zero mtime, so identical inputs give identical bytes); and
  4. writes embedded_models.cc, which pulls every .gz into .rodata with the assembler's
     .incbin and lists them in a table for src/model/model_registry.cc.

Only the standard library is used; nothing here runs at vueops run time.
"""

import argparse
import gzip
import hashlib
import json
import os
import sys

# Keys botocore keeps for humans (docs) or for checks the client does not perform
# (botocore's validate.py ignores "pattern"; "box" only matters to Java code generators).
DROPPED_KEYS = frozenset([
    "documentation",
    "documentationUrl",
    "examples",
    "deprecatedMessage",
    "deprecatedSince",
    "pattern",
    "box",
])


def strip(value):
    """Returns `value` without DROPPED_KEYS at any depth."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in DROPPED_KEYS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def deep_merge(base, extra):
    """botocore.utils.deep_merge: dicts merge recursively, anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value


def load_json(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def load_with_extras(version_dir, type_name):
    """Loads TYPE_NAME.json[.gz] plus TYPE_NAME.sdk-extras.json; None when absent."""
    document = None
    for candidate in (type_name + ".json.gz", type_name + ".json"):
        path = os.path.join(version_dir, candidate)
        if os.path.exists(path):
            document = load_json(path)
            break
    if document is None:
        return None
    extras = os.path.join(version_dir, type_name + ".sdk-extras.json")
    if os.path.exists(extras):
        merge = load_json(extras).get("merge")
        if isinstance(merge, dict):
            deep_merge(document, merge)
    return document


def members_as_pairs(service):
    """Rewrites each structure's "members" object as a list of [name, member] pairs.

    vueops reads embedded models with a std::map-backed JSON parser (three times faster than
    an insertion-ordered one on EC2's model), which would otherwise sort the members; their
    model order is what output objects and the AWS CLI follow.
    """
    for shape in service.get("shapes", {}).values():
        members = shape.get("members")
        if isinstance(members, dict):
            shape["members"] = [[name, member] for name, member in members.items()]
    return service


def build_document(version_dir):
    service = load_with_extras(version_dir, "service-2")
    if service is None:
        raise SystemExit(f"embed-models: no service-2.json[.gz] in {version_dir}")
    paginators = load_with_extras(version_dir, "paginators-1") or {}
    waiters = load_with_extras(version_dir, "waiters-2") or {}
    return {
        "service": members_as_pairs(strip(service)),
        "paginators": strip(paginators.get("pagination", {})),
        "waiters": strip(waiters.get("waiters", {})),
    }


def write_atomically(path, data):
    """Replaces `path` in one step, so an interrupted build never leaves half a file."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def c_identifier(name):
    return "".join(c if c.isalnum() else "_" for c in name)


def asm_string(path):
    return path.replace("\\", "\\\\").replace('"', '\\"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("services", nargs="+", metavar="NAME=VERSION_DIR")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    entries = []
    for spec in args.services:
        name, _, version_dir = spec.partition("=")
        if not name or not version_dir:
            raise SystemExit(f"embed-models: expected NAME=VERSION_DIR, got {spec!r}")
        document = build_document(version_dir)
        text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        blob = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
        gz_path = os.path.abspath(os.path.join(args.out_dir, name + ".json.gz"))
        write_atomically(gz_path, blob)
        entries.append({
            "name": name,
            "api_version": os.path.basename(os.path.normpath(version_dir)),
            "path": gz_path,
            "symbol": "vueops_model_" + c_identifier(name),
            "sha256": hashlib.sha256(blob).hexdigest(),
            "raw_size": len(text.encode("utf-8")),
        })

    lines = [
        "// Generated by scripts/embed-models.py from botocore's data files; do not edit.",
        "// The sha256 strings make the source change whenever an embedded file changes, so",
        "// compiler caches never serve an object holding stale model bytes.",
        '#include "model/embedded_model.h"',
        "",
        "__asm__(",
        '    ".pushsection .rodata.vueops_models,\\"a\\",@progbits\\n"',
    ]
    for e in entries:
        lines += [
            '    ".balign 16\\n"',
            f'    ".global {e["symbol"]}_begin\\n.hidden {e["symbol"]}_begin\\n"',
            f'    ".global {e["symbol"]}_end\\n.hidden {e["symbol"]}_end\\n"',
            f'    "{e["symbol"]}_begin:\\n"',
            f'    ".incbin \\"{asm_string(e["path"])}\\"\\n"',
            f'    "{e["symbol"]}_end:\\n"',
        ]
    lines += ['    ".popsection\\n");', "", 'extern "C" {']
    for e in entries:
        lines.append(f'extern const unsigned char {e["symbol"]}_begin[];')
        lines.append(f'extern const unsigned char {e["symbol"]}_end[];')
    lines += ["}", "", "namespace vueops::model {", "namespace {", "",
              "const EmbeddedModel kEmbeddedModels[] = {"]
    for e in entries:
        lines.append(
            f'    {{"{e["name"]}", "{e["api_version"]}", {e["symbol"]}_begin, '
            f'{e["symbol"]}_end, {e["raw_size"]}, "{e["sha256"]}"}},')
    lines += ["};", "", "}  // namespace", "",
              "std::span<const EmbeddedModel> EmbeddedModels() { return kEmbeddedModels; }",
              "", "}  // namespace vueops::model", ""]
    write_atomically(os.path.join(args.out_dir, "embedded_models.cc"),
                     "\n".join(lines).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
