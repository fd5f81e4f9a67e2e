#!/usr/bin/python3
"""Times the blog's three-layer XOR network ("A Neural Network in 11 lines of Python", Part 2's loop with alpha)
as the blog writes it, with numpy: 4 rows, 3-4-1, full-batch gradient descent.

Usage: blog_xor.py [iterations] [repeats]. Prints one JSON line: the median and the minimum nanoseconds per
iteration over the repeats, and the final error (to show the run did the blog's work)."""
import json
import sys
import time

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


def train(iterations, alpha=1.0):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0], [1], [1], [0]])
    np.random.seed(1)
    synapse_0 = 2 * np.random.random((3, 4)) - 1
    synapse_1 = 2 * np.random.random((4, 1)) - 1
    for j in range(iterations):
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0, synapse_0))
        layer_2 = sigmoid(np.dot(layer_1, synapse_1))
        layer_2_error = layer_2 - y
        layer_2_delta = layer_2_error * sigmoid_output_to_derivative(layer_2)
        layer_1_error = layer_2_delta.dot(synapse_1.T)
        layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
        synapse_1 -= alpha * (layer_1.T.dot(layer_2_delta))
        synapse_0 -= alpha * (layer_0.T.dot(layer_1_delta))
    return float(np.mean(np.abs(layer_2_error)))


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    train(1000)  # warm up
    times = []
    error = None
    for _ in range(repeats):
        start = time.perf_counter_ns()
        error = train(iterations)
        times.append((time.perf_counter_ns() - start) / iterations)
    times.sort()
    print(json.dumps({"iterations": iterations, "repeats": repeats, "median_ns": times[len(times) // 2],
                      "min_ns": times[0], "final_error": error, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
