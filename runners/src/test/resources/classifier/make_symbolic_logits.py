"""A tiny ONNX classifier graph whose logits width is symbolic ([batch, labels]), as some exports leave it:
logits = mean(input_ids * attention_mask over the sequence) x W, W a constant [1, 4], so 4 logits per row.
The runner must find the width by running it. Run with Debian's python3-onnx:
python3 make_symbolic_logits.py symbolic-logits.onnx
"""
import sys

from onnx import TensorProto, helper, save

ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])
mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])
logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "labels"])
weights = helper.make_tensor("W", TensorProto.FLOAT, [1, 4], [0.01, -0.02, 0.03, 0.0])
nodes = [
    helper.make_node("Mul", ["input_ids", "attention_mask"], ["masked"]),
    helper.make_node("Cast", ["masked"], ["masked_f"], to=TensorProto.FLOAT),
    helper.make_node("ReduceMean", ["masked_f"], ["pooled"], axes=[1], keepdims=1),
    helper.make_node("MatMul", ["pooled", "W"], ["logits"]),
]
graph = helper.make_graph(nodes, "symbolic-logits", [ids, mask], [logits], initializer=[weights])
save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), sys.argv[1])
