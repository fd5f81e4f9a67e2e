"""Writes the ONNX models of GenNet's import tests with the onnx package (not with GenNet), and numpy's outputs for
them. Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_models.py

torch_style_mlp.onnx  Flatten → Gemm(transB=1) → Relu → Gemm(transB=1) → Softmax(axis=1), float: what
                      torch.onnx.export writes for nn.Sequential(nn.Flatten(), nn.Linear(4, 5), nn.ReLU(),
                      nn.Linear(5, 3), nn.Softmax(dim=1)); weights [out, in] as PyTorch keeps them.
matmul_add.onnx       MatMul → Add → Tanh → MatMul → Add, double, bias [1, n] in one layer and [n] in the other.
conv.onnx             A Conv layer: not a dense chain.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.RandomState(7)
x = rng.uniform(-1, 1, (6, 4))
np.save("inputs_6x4.npy", x)


def save(model, name):
    onnx.checker.check_model(model)
    onnx.save(model, name)


# torch_style_mlp.onnx
w1 = rng.uniform(-1, 1, (5, 4)).astype(np.float32)  # [out, in]
b1 = rng.uniform(-1, 1, 5).astype(np.float32)
w2 = rng.uniform(-1, 1, (3, 5)).astype(np.float32)
b2 = rng.uniform(-1, 1, 3).astype(np.float32)
graph = helper.make_graph(
    [
        helper.make_node("Flatten", ["input.1"], ["onnx::Gemm_5"], name="/0/Flatten", axis=1),
        helper.make_node("Gemm", ["onnx::Gemm_5", "1.weight", "1.bias"], ["/1/Gemm_output_0"], name="/1/Gemm", alpha=1.0, beta=1.0, transB=1),
        helper.make_node("Relu", ["/1/Gemm_output_0"], ["/2/Relu_output_0"], name="/2/Relu"),
        helper.make_node("Gemm", ["/2/Relu_output_0", "3.weight", "3.bias"], ["/3/Gemm_output_0"], name="/3/Gemm", alpha=1.0, beta=1.0, transB=1),
        helper.make_node("Softmax", ["/3/Gemm_output_0"], ["12"], name="/4/Softmax", axis=1),
    ],
    "torch_jit",
    [helper.make_tensor_value_info("input.1", TensorProto.FLOAT, ["batch", 4])],
    [helper.make_tensor_value_info("12", TensorProto.FLOAT, ["batch", 3])],
    [numpy_helper.from_array(w1, "1.weight"), numpy_helper.from_array(b1, "1.bias"),
     numpy_helper.from_array(w2, "3.weight"), numpy_helper.from_array(b2, "3.bias")],
)
save(helper.make_model(graph, producer_name="pytorch", opset_imports=[helper.make_opsetid("", 13)]), "torch_style_mlp.onnx")
h = np.maximum(x.astype(np.float32) @ w1.T + b1, 0)
z = h @ w2.T + b2
e = np.exp(z - z.max(axis=1, keepdims=True))
np.save("torch_style_mlp_outputs.npy", (e / e.sum(axis=1, keepdims=True)).astype(np.float64))

# matmul_add.onnx (double; float_data/double_data fields rather than raw_data for the second layer)
v1 = rng.uniform(-1, 1, (4, 6))
c1 = rng.uniform(-1, 1, (1, 6))
v2 = rng.uniform(-1, 1, (6, 2))
c2 = rng.uniform(-1, 1, 2)
graph = helper.make_graph(
    [
        helper.make_node("MatMul", ["x", "W1"], ["m1"]),
        helper.make_node("Add", ["m1", "B1"], ["a1"]),
        helper.make_node("Tanh", ["a1"], ["t1"]),
        helper.make_node("MatMul", ["t1", "W2"], ["m2"]),
        helper.make_node("Add", ["B2", "m2"], ["y"]),
    ],
    "matmul_add",
    [helper.make_tensor_value_info("x", TensorProto.DOUBLE, [None, 4])],
    [helper.make_tensor_value_info("y", TensorProto.DOUBLE, [None, 2])],
    [numpy_helper.from_array(v1, "W1"), numpy_helper.from_array(c1, "B1"),
     helper.make_tensor("W2", TensorProto.DOUBLE, [6, 2], v2.ravel().tolist()),
     helper.make_tensor("B2", TensorProto.DOUBLE, [2], c2.tolist())],
)
save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), "matmul_add.onnx")
np.save("matmul_add_outputs.npy", np.tanh(x @ v1 + c1) @ v2 + c2)

# conv.onnx
graph = helper.make_graph(
    [helper.make_node("Conv", ["x", "K"], ["y"], name="conv1")],
    "conv",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 2, 2])],
    [numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), "K")],
)
save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), "conv.onnx")
