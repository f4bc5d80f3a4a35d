#!/usr/bin/env python3
"""Writes the operator catalog (operators.json and operator-versions.json in
models/src/main/resources/dev/onnxworkbench/models/ops/).

Structure (domains, names, versions, inputs, outputs, attributes, defaults) comes from the operator
schemas compiled into the `onnx` and `onnxruntime` Python packages; categories and one-line
descriptions come from the hand-written tools/catalog/additions.json. See tools/catalog/README.md.

Usage (from the repository root):
    python3 -m venv /tmp/catalog-venv && /tmp/catalog-venv/bin/pip install -r tools/catalog/requirements.txt
    /tmp/catalog-venv/bin/python tools/catalog/generate.py [--check]
"""
import argparse
import json
import pathlib
import re
import sys

import numpy as np
import onnx
import onnx.defs
import onnx.helper
import onnx.numpy_helper
from onnxruntime.capi import onnxruntime_pybind11_state as ort_schemas

# The newest opsets ONNX Runtime 1.29 runs: ai.onnx 26 (its session refuses 27: "Current official support
# for domain ai.onnx is till opset 26"), ai.onnx.ml 5.
MAX_VERSION = {"ai.onnx": 26, "ai.onnx.ml": 5, "ai.onnx.preview.training": 1, "com.microsoft": 1}
# ONNX Runtime still registers these in the ai.onnx domain (operators from ONNX's early experimental
# set, and two ORT-specific normalizations that exporters write without a domain); models use them.
ORT_EXTRA_AI_ONNX = {"Affine", "Crop", "DynamicSlice", "GRUUnit", "GivenTensorFill", "ImageScaler",
                     "LayerNormalization", "MeanVarianceNormalization", "ParametricSoftplus", "Scale",
                     "ScaledTanh", "SimplifiedLayerNormalization", "ThresholdedRelu"}
# Contrib operators left out on purpose: a test-only example, and operators newer than ONNX Runtime 1.29
# (a 1.29 session says "com.microsoft:EngramGate(-1) is not a registered function/op").
EXCLUDED_CONTRIB = {"SampleOp", "EngramGate", "GatedDeltaNet", "NGramHashMapping", "VarlenCausalConvWithState"}
CATEGORIES = {"layer", "activation", "pool", "normalization", "tensor", "logic", "data", "control",
              "quantization", "ml"}

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADDITIONS = ROOT / "tools/catalog/additions.json"
OUTPUT = ROOT / "models/src/main/resources/dev/onnxworkbench/models/ops/operators.json"
DETAILS = OUTPUT.with_name("operator-versions.json")
ORT_SOURCE = "https://github.com/microsoft/onnxruntime/blob/main/onnxruntime/core/graph/contrib_ops/"


def normalize_domain(domain):
    return "ai.onnx" if domain in ("", "ai.onnx") else domain


def documentation_url(domain, name, source_file):
    if source_file and "onnxruntime/core/graph/contrib_ops/" in source_file and domain == "ai.onnx":
        return ORT_SOURCE + source_file.rsplit("/", 1)[1]
    if domain == "ai.onnx":
        return f"https://onnx.ai/onnx/operators/onnx__{name}.html"
    if domain == "ai.onnx.ml":
        return f"https://onnx.ai/onnx/operators/onnx_aionnxml_{name}.html"
    if domain == "ai.onnx.preview.training":
        return f"https://onnx.ai/onnx/operators/onnx_aionnxpreviewtraining_{name}.html"
    if domain == "com.microsoft":
        return f"https://github.com/microsoft/onnxruntime/blob/main/docs/ContribOperators.md#com.microsoft.{name}"
    raise ValueError(domain)


def first_sentence(text):
    """The first sentence of a schema's parameter text, on one line, at most ~200 characters."""
    text = re.sub(r"\s+", " ", (text or "")).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= 200 else sentence[:197].rstrip() + "..."


def format_float(value):
    text = np.format_float_positional(np.float32(value), trim="-", unique=True)
    return text if len(text) <= 12 else np.format_float_scientific(np.float32(value), trim="-", unique=True)


def format_default(attr_proto):
    """Display text of an attribute default, or None when the schema gives none."""
    if attr_proto is None or not attr_proto.name and attr_proto.type == 0:
        return None
    kind = attr_proto.type
    A = onnx.AttributeProto
    if kind == A.FLOAT:
        return format_float(attr_proto.f)
    if kind == A.INT:
        return str(attr_proto.i)
    if kind == A.STRING:
        return attr_proto.s.decode("utf-8", "replace")
    if kind == A.FLOATS:
        return "[" + ", ".join(format_float(v) for v in attr_proto.floats) + "]"
    if kind == A.INTS:
        return "[" + ", ".join(str(v) for v in attr_proto.ints) + "]"
    if kind == A.STRINGS:
        return "[" + ", ".join(s.decode("utf-8", "replace") for s in attr_proto.strings) + "]"
    if kind == A.TENSOR:
        array = onnx.numpy_helper.to_array(attr_proto.t)
        dtype = onnx.helper.tensor_dtype_to_np_dtype(attr_proto.t.data_type)
        values = ", ".join(str(v) for v in array.flatten()[:8])
        return f"tensor({np.dtype(dtype).name}) {list(array.shape)}: [{values}]"
    raise ValueError(f"unexpected default attribute type {kind} for {attr_proto.name}")


OPTION_NAMES = {0: "SINGLE", 1: "OPTIONAL", 2: "VARIADIC"}


def parameter(formal, type_str):
    entry = {"name": formal.name, "type": type_str, "option": OPTION_NAMES[int(formal.option)]}
    description = first_sentence(formal.description)
    if description:
        entry["description"] = description
    return entry


def attribute(attr, default_proto):
    entry = {"name": attr.name, "type": attr.type.name}
    if attr.required:
        entry["required"] = True
    default = format_default(default_proto)
    if default is not None:
        entry["default"] = default
    description = first_sentence(attr.description)
    if description:
        entry["description"] = description
    return entry


def version_entry(schema, type_str_of, default_of, domain, source_file):
    entry = {"since": schema.since_version}
    if schema.deprecated:
        entry["deprecated"] = True
    url = documentation_url(domain, schema.name, source_file)
    entry["url"] = url
    entry["inputs"] = [parameter(p, type_str_of(p)) for p in schema.inputs]
    entry["outputs"] = [parameter(p, type_str_of(p)) for p in schema.outputs]
    entry["attributes"] = [attribute(a, default_of(a)) for _, a in sorted(schema.attributes.items())]
    entry["typeConstraints"] = [type_constraint(c) for c in schema.type_constraints]
    return entry


def type_constraint(constraint):
    entry = {"name": constraint.type_param_str, "types": list(constraint.allowed_type_strs)}
    description = first_sentence(constraint.description)
    if description:
        entry["description"] = description
    return entry


def onnx_versions():
    """(domain, name) -> [version entries] from the onnx package's schema history."""
    result = {}
    for schema in onnx.defs.get_all_schemas_with_history():
        domain = normalize_domain(schema.domain)
        if domain not in MAX_VERSION or schema.since_version > MAX_VERSION[domain]:
            continue
        entry = version_entry(schema, lambda p: p.type_str,
                              lambda a: a.default_value if a.default_value.type != 0 else None,
                              domain, None)
        result.setdefault((domain, schema.name), []).append(entry)
    return result


def ort_default(attr):
    raw = attr._default_value
    return onnx.AttributeProto.FromString(raw) if raw else None


def ort_versions(known):
    """Contrib operators and ORT's extra ai.onnx registrations, from onnxruntime's schema registry."""
    result = {}
    for schema in ort_schemas.get_all_operator_schema():
        domain = normalize_domain(schema.domain)
        if domain == "com.microsoft":
            if schema.name in EXCLUDED_CONTRIB:
                continue
        elif domain == "ai.onnx":
            if schema.name not in ORT_EXTRA_AI_ONNX or "contrib_ops" not in schema.file:
                continue
            if any(v["since"] == schema.since_version for v in known.get((domain, schema.name), [])):
                continue
        else:
            continue
        entry = version_entry(schema, lambda p: p.typeStr, ort_default, domain, schema.file)
        result.setdefault((domain, schema.name), []).append(entry)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the committed catalog differs from what would be written")
    args = parser.parse_args()

    additions = json.loads(ADDITIONS.read_text(encoding="utf-8"))["operators"]
    versions = onnx_versions()
    for key, entries in ort_versions(versions).items():
        versions.setdefault(key, []).extend(entries)

    operators, problems = [], []
    for (domain, name), entries in sorted(versions.items()):
        note = additions.get(f"{domain}/{name}")
        if note is None:
            problems.append(f"{domain}/{name}: no category/description in additions.json")
            continue
        category, description = note
        if category not in CATEGORIES:
            problems.append(f"{domain}/{name}: unknown category {category}")
        entries.sort(key=lambda e: e["since"])
        operators.append({"domain": domain, "name": name, "category": category,
                          "description": description, "versions": entries})
    unused = set(additions) - {f"{d}/{n}" for d, n in versions}
    problems += [f"{key}: in additions.json but not an operator" for key in sorted(unused)]
    if problems:
        sys.exit("\n".join(problems))

    # Two files: a compact index read at start (names, categories, since-versions), and the details
    # (description and every version's inputs, outputs, attributes), which the catalog parses per
    # operator when first asked. The index holds each operator's byte range in the details file.
    details_lines, domains, offset = [], {}, 2  # the details file starts with "[\n"
    for operator in operators:
        line = json.dumps({"description": operator["description"], "versions": operator["versions"]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        details_lines.append(line)
        domains.setdefault(operator["domain"], []).append(
            [operator["name"], operator["category"], [v["since"] for v in operator["versions"]], offset, len(line)])
        offset += len(line) + 2  # ",\n"
    details = b"[\n" + b",\n".join(details_lines) + b"\n]\n"
    index = [{"domain": domain, "operators": entries} for domain, entries in domains.items()]
    catalog = {
        "format": 2,
        "source": f"onnx {onnx.__version__} schemas (ai.onnx <= {MAX_VERSION['ai.onnx']}, "
                  f"ai.onnx.ml <= {MAX_VERSION['ai.onnx.ml']}), onnxruntime {ort_schemas.get_version_string()} "
                  "contrib schemas; categories and operator descriptions written by ONNX Workbench",
        "notice": "Input, output, attribute and type constraint descriptions are the first sentences of the ONNX operator "
                  "schemas (Apache License 2.0, the ONNX Project Contributors) and of ONNX Runtime's "
                  "contrib schemas (MIT License, Microsoft Corporation).",
        "details": DETAILS.name,
        "domains": index,
    }
    text = ("{\n" + ",\n".join(f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=False, separators=(',', ':'))}"
                               for k, v in catalog.items() if k != "domains")
            + ',\n"domains":[\n'
            + ",\n".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in index)
            + "\n]}\n").encode("utf-8")
    if args.check:
        if OUTPUT.read_bytes() != text or DETAILS.read_bytes() != details:
            sys.exit(f"{OUTPUT.name} or {DETAILS.name} is out of date: run tools/catalog/generate.py")
        return
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(text)
    DETAILS.write_bytes(details)
    print(f"wrote {len(operators)} operators, {sum(len(o['versions']) for o in operators)} versions: "
          f"{OUTPUT.relative_to(ROOT)} {len(text) // 1024} KiB, {DETAILS.name} {len(details) // 1024} KiB")


if __name__ == "__main__":
    main()
