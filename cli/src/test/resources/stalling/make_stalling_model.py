"""Writes model.onnx: a causal-LM graph (input_ids, attention_mask -> logits over the demo's 1,024 tokens)
whose forward pass never ends in practice, a Loop of batch x 10^15 iterations that the logits depend on.
Only a terminate flag (tunebench's timeout_s) stops it. Run with Debian's python3-onnx:
/usr/bin/python3 make_stalling_model.py"""
import onnx
from onnx import TensorProto, helper

VOCAB = 1024
body = helper.make_graph(
    [helper.make_node("Identity", ["cond_in"], ["cond_out"]),
     helper.make_node("Add", ["v_in", "one"], ["v_out"])],
    "body",
    [helper.make_tensor_value_info("i", TensorProto.INT64, []),
     helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
     helper.make_tensor_value_info("v_in", TensorProto.FLOAT, [])],
    [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
     helper.make_tensor_value_info("v_out", TensorProto.FLOAT, [])],
    [helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])])
nodes = [
    helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
    helper.make_node("Gather", ["ids_shape", "zero_index"], ["batch"], axis=0),
    # Depends on the input, so no optimizer can run the loop while loading the graph.
    helper.make_node("Mul", ["batch", "huge"], ["trips"]),
    helper.make_node("Loop", ["trips", "true", "v0"], ["v_final"], body=body),
    helper.make_node("Concat", ["ids_shape", "vocab"], ["logits_shape"], axis=0),
    helper.make_node("ConstantOfShape", ["logits_shape"], ["zeros"],
                     value=helper.make_tensor("z", TensorProto.FLOAT, [1], [0.0])),
    helper.make_node("Mul", ["v_final", "zero_f"], ["nothing"]),
    helper.make_node("Add", ["zeros", "nothing"], ["logits"]),
]
graph = helper.make_graph(
    nodes, "stalling",
    [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
     helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "total"])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "sequence", VOCAB])],
    [helper.make_tensor("zero_index", TensorProto.INT64, [], [0]),
     helper.make_tensor("huge", TensorProto.INT64, [], [10 ** 15]),
     helper.make_tensor("true", TensorProto.BOOL, [], [True]),
     helper.make_tensor("v0", TensorProto.FLOAT, [], [0.0]),
     helper.make_tensor("vocab", TensorProto.INT64, [1], [VOCAB]),
     helper.make_tensor("zero_f", TensorProto.FLOAT, [], [0.0])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="tunebench-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "model.onnx")
