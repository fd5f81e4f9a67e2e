#!/usr/bin/env python3
"""The blog's alpha sweeps in numpy, with one change: exp is the C library's (math.exp), as .NET's Math.Exp is.

Prints in the blog's layout, so its output can be diffed with the GenNet samples':

    diff <(python3 tests/Reference/blog_libm_exp.py closer-look) <(dotnet run --project samples/AlphaSweep -c Release)
    diff <(python3 tests/Reference/blog_libm_exp.py hidden-size) <(dotnet run --project samples/HiddenSize -c Release)

Only the samples' closing note differs: with the same exp, numpy's arithmetic (netlib BLAS: ascending sums, no
FMA) and GenNet's agree bit for bit, the chaotic runs included. numpy's own np.exp (AVX-512 on this machine)
rounds some results differently in the last bit, which is why ../tests/GenNet.Tests/Reference/blog-tables.json
differs from GenNet in the runs it marks sensitive. Needs numpy (apt-get install python3-numpy) with netlib BLAS.
"""
import math
import sys

import numpy as np

np.set_printoptions(legacy='1.13')  # numpy's print format of the blog's time
libm_exp = np.vectorize(math.exp, otypes=[float])


def sigmoid(x):
    return 1 / (1 + libm_exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


def py2_str(value):
    """Python 2's str(float): 12 significant digits."""
    text = '%.12g' % value
    return text if ('.' in text or 'e' in text or 'n' in text) else text + '.0'


X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0], [1], [1], [0]])
alphas = [0.001, 0.01, 0.1, 1, 10, 100, 1000]


def sweep(hidden_size, closer_look):
    for alpha in alphas:
        print("\nTraining With Alpha:" + str(alpha))
        np.random.seed(1)
        synapse_0 = 2 * np.random.random((3, hidden_size)) - 1
        synapse_1 = 2 * np.random.random((hidden_size, 1)) - 1
        prev_synapse_0_weight_update = np.zeros_like(synapse_0)
        prev_synapse_1_weight_update = np.zeros_like(synapse_1)
        synapse_0_direction_count = np.zeros_like(synapse_0)
        synapse_1_direction_count = np.zeros_like(synapse_1)

        for j in range(60000):
            layer_0 = X
            layer_1 = sigmoid(np.dot(layer_0, synapse_0))
            layer_2 = sigmoid(np.dot(layer_1, synapse_1))
            layer_2_error = y - layer_2
            if (j % 10000) == 0:
                error = py2_str(np.mean(np.abs(layer_2_error)))
                print(("Error:" if closer_look else "Error after " + str(j) + " iterations:") + error)
            layer_2_delta = layer_2_error * sigmoid_output_to_derivative(layer_2)
            layer_1_error = layer_2_delta.dot(synapse_1.T)
            layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
            synapse_1_weight_update = (layer_1.T.dot(layer_2_delta))
            synapse_0_weight_update = (layer_0.T.dot(layer_1_delta))
            if j > 0:
                synapse_0_direction_count += np.abs(((synapse_0_weight_update > 0) + 0) - ((prev_synapse_0_weight_update > 0) + 0))
                synapse_1_direction_count += np.abs(((synapse_1_weight_update > 0) + 0) - ((prev_synapse_1_weight_update > 0) + 0))
            synapse_1 += alpha * synapse_1_weight_update
            synapse_0 += alpha * synapse_0_weight_update
            prev_synapse_0_weight_update = synapse_0_weight_update
            prev_synapse_1_weight_update = synapse_1_weight_update

        if closer_look:
            print("Synapse 0")
            print(synapse_0)
            print("Synapse 0 Update Direction Changes")
            print(synapse_0_direction_count)
            print("Synapse 1")
            print(synapse_1)
            print("Synapse 1 Update Direction Changes")
            print(synapse_1_direction_count)


if __name__ == '__main__':
    which = sys.argv[1] if len(sys.argv) > 1 else 'closer-look'
    if which not in ('closer-look', 'hidden-size'):
        sys.exit("usage: blog_libm_exp.py closer-look|hidden-size")
    sweep(4 if which == 'closer-look' else 32, which == 'closer-look')
