#!/usr/bin/env python3
"""Writes tiny models that tell which opsets and contrib operators an ONNX Runtime build knows.

Used to pick MAX_VERSION and EXCLUDED_CONTRIB in generate.py for the ONNX Runtime the product ships:
    /tmp/catalog-venv/bin/python tools/catalog/make_probe_models.py /tmp/ort-probe
    tools/catalog/probe-ort.sh /tmp/ort-probe
A model for opset N that the session refuses with "Current official support for domain ai.onnx is till
opset M" means M is the newest opset; a contrib model refused with "is not a registered function/op" means
that build does not know the operator (other errors, such as a wrong input count, mean it does).
"""
import pathlib
import sys

import onnx
from onnx import TensorProto, helper
from onnxruntime.capi import onnxruntime_pybind11_state as ort_schemas


def save(folder, name, node, opsets, inputs):
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)]
    graph = helper.make_graph([node], name, inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets])
    model.ir_version = 10
    onnx.save(model, str(folder / f"{name}.onnx"))


def main():
    folder = pathlib.Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])
    for opset in range(24, onnx.defs.onnx_opset_version() + 1):
        save(folder, f"opset{opset}", helper.make_node("Identity", ["x"], ["y"]), [("", opset)], [x])
    for name in sorted({s.name for s in ort_schemas.get_all_operator_schema() if s.domain == "com.microsoft"}):
        node = helper.make_node(name, ["x"], ["y"], domain="com.microsoft")
        save(folder, f"contrib_{name}", node, [("", 17), ("com.microsoft", 1)], [x])


if __name__ == "__main__":
    main()
