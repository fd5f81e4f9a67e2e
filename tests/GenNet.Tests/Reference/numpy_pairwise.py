#!/usr/bin/env python3
"""numpy's sums and the errors numpy reports, for NumpySumTests and ReportedErrorTests.

np.sum and np.mean (no axis) of a C-contiguous float64 or float32 array add its elements pairwise, in chunks of
8192 (numpy/_core/src/umath/loops_utils.h.src, pairwise_sum, through the ufunc buffer), so the blog's reported
error np.mean(np.abs(l2_error)) differs in the last bit from a left-to-right sum once there are 8 or more terms.
This script writes numpy-pairwise.json beside it:

* "sums": np.sum and np.mean of arrays drawn from np.random.seed(n), in float64 and float32, for lengths 0 to 300
  and lengths around 8192 (one pairwise chunk) and past it;
* "networks": blog-style full-batch training of four NumpyCompatible networks without bias on random data, three
  steps each, for 1 to 40 rows and a few larger row counts: the error each step reports, computed with numpy.

Every number is written with float.hex(), exactly. The file is committed; the tests do not need Python.
Run from the repository root with Debian's numpy (apt-get install -y python3-numpy; netlib BLAS, whose sums run in
ascending index order without fused multiply-add, as GenNet's NumpyCompatible code does):

    /usr/bin/python3 tests/GenNet.Tests/Reference/numpy_pairwise.py

As in ../../Reference/blog_libm_exp.py, exp is the C library's (math.exp, which .NET's Math.Exp is): numpy's own
vectorised np.exp rounds some results differently in the last bit, and this file is about the sums.
"""
import json
import math
import os

import numpy as np

libm_exp = np.vectorize(math.exp, otypes=[float])


def sigmoid(x):
    return 1 / (1 + libm_exp(-x))


def sequential_sum(values):
    """A plain left-to-right sum, as GenNet summed the reported error before: recorded to show where it differs."""
    total = values.dtype.type(0)
    for v in values.ravel():
        total = values.dtype.type(total + v)
    return total


def symmetric(n, dtype):
    """2*u - 1 for u = np.random.random(n) (NumpyRandom.NextDouble), rounded once to dtype."""
    return (2 * np.random.random(n) - 1).astype(dtype)


SUM_LENGTHS = list(range(0, 301)) + [511, 512, 513, 1000, 4095, 4096, 4097, 8191, 8192, 8193, 8200, 9000,
                                     16383, 16384, 16385, 20000, 24577, 50001]


def sums():
    cases = []
    for n in SUM_LENGTHS:
        np.random.seed(n)
        values = symmetric(n, np.float64)
        entry = {"n": n}
        for name, dtype in (("float64", np.float64), ("float32", np.float32)):
            a = values.astype(dtype)
            entry[name] = {
                "sum": float(np.sum(a)).hex(),
                "mean": float(np.mean(a)).hex() if n > 0 else "nan",
                "sequential_sum": float(sequential_sum(a)).hex(),
            }
        cases.append(entry)
    return cases


# name, inputs, hidden, outputs, loss. Bias = false, sigmoid layers, NumpyCompatible, double (tests/.../ReportedErrorTests).
NETWORKS = [
    ("3-4-1 sse", 3, 4, 1, "sse"),      # the blog's shape
    ("3-5-3 sse", 3, 5, 3, "sse"),      # several outputs: np.mean runs over rows × outputs in row-major order
    ("3-40-30 sse", 3, 40, 30, "sse"),  # synapse_1 too large to unroll: the output layer lives in a span
    ("3-4-2 mse", 3, 4, 2, "mse"),      # LossFunction.MeanSquaredError, reported as np.mean(error**2)
]
ROWS = list(range(1, 41)) + [64, 127, 128, 129, 255, 256, 257, 300, 1000, 2731, 8192, 8193]
STEPS = 3
ALPHA = 0.1


def train(inputs, hidden, outputs, loss, rows):
    np.random.seed(rows)                                   # network.InitializeWeights(seed: rows)
    synapse_0 = 2 * np.random.random((inputs, hidden)) - 1
    synapse_1 = 2 * np.random.random((hidden, outputs)) - 1
    np.random.seed(10_000 + rows)                          # new NumpyRandom(10_000 + rows), row-major
    X = 2 * np.random.random((rows, inputs)) - 1
    y = np.random.random((rows, outputs))
    errors, sequential = [], []
    for _ in range(STEPS):
        l1 = sigmoid(np.dot(X, synapse_0))
        l2 = sigmoid(np.dot(l1, synapse_1))
        l2_error = l2 - y
        terms = np.abs(l2_error) if loss == "sse" else l2_error ** 2
        errors.append(float(np.mean(terms)).hex())
        sequential.append(float(sequential_sum(terms) / terms.size).hex())
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_delta = l2_delta.dot(synapse_1.T) * (l1 * (1 - l1))
        gradient_1 = l1.T.dot(l2_delta)
        gradient_0 = X.T.dot(l1_delta)
        if loss == "mse":                                   # E = mean(error²): the gradient is scaled by 2/N at the end
            scale = 2.0 / (rows * outputs)
            gradient_1 = gradient_1 * scale
            gradient_0 = gradient_0 * scale
        synapse_1 -= ALPHA * gradient_1
        synapse_0 -= ALPHA * gradient_0
    return errors, sequential


def networks():
    cases = []
    for name, inputs, hidden, outputs, loss in NETWORKS:
        for rows in ROWS:
            errors, sequential = train(inputs, hidden, outputs, loss, rows)
            cases.append({"network": name, "rows": rows, "errors": errors, "sequential": sequential})
    return cases


def main():
    document = {
        "about": "numpy's np.sum/np.mean (pairwise, in chunks of 8192) and reported training errors; written by numpy_pairwise.py",
        "numpy_version": np.__version__,
        "bufsize": np.getbufsize(),
        "alpha": ALPHA,
        "steps": STEPS,
        "sums": sums(),
        "networks": networks(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy-pairwise.json")
    with open(path, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    differing = sum(e != s for c in document["networks"] for e, s in zip(c["errors"], c["sequential"]))
    print(f"wrote {path}: {len(document['sums'])} sums, {len(document['networks'])} network runs; "
          f"{differing} of {len(document['networks']) * STEPS} reported errors differ from a sequential sum")


if __name__ == "__main__":
    main()
