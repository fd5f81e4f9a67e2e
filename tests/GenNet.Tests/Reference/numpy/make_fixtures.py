"""Writes the .npy fixtures of GenNet's numpy-interop tests with numpy itself (np.save / np.lib.format).

Run from this folder with Debian's numpy (apt-get install -y python3-numpy):  /usr/bin/python3 make_fixtures.py
The files are committed; the tests do not need Python.
"""
import numpy as np

# The blog's three-layer network (A Neural Network in 11 lines of Python, part 1), 10,000 iterations from seed 1.
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=np.float64)
y = np.array([[0], [1], [1], [0]], dtype=np.float64)
np.random.seed(1)
synapse_0 = 2 * np.random.random((3, 4)) - 1
synapse_1 = 2 * np.random.random((4, 1)) - 1
np.save("blog_initial_synapse_0.npy", synapse_0)
np.save("blog_initial_synapse_1.npy", synapse_1)
for j in range(10000):
    l1 = 1 / (1 + np.exp(-(np.dot(X, synapse_0))))
    l2 = 1 / (1 + np.exp(-(np.dot(l1, synapse_1))))
    l2_delta = (y - l2) * (l2 * (1 - l2))
    l1_delta = l2_delta.dot(synapse_1.T) * (l1 * (1 - l1))
    synapse_1 += l1.T.dot(l2_delta)
    synapse_0 += X.T.dot(l1_delta)
np.save("blog_trained_synapse_0.npy", synapse_0)
np.save("blog_trained_synapse_1.npy", synapse_1)
l1 = 1 / (1 + np.exp(-(np.dot(X, synapse_0))))
np.save("blog_trained_output.npy", 1 / (1 + np.exp(-(np.dot(l1, synapse_1)))))

# Layouts a reader must handle: float32, Fortran order, big-endian, format version 2.0, 1-D and 0-D arrays.
np.save("float32_3x2.npy", np.arange(6, dtype=np.float32).reshape(3, 2) / 4)
np.save("fortran_3x2.npy", np.asfortranarray(np.arange(6, dtype=np.float64).reshape(3, 2)))
np.save("bigendian_2x3.npy", np.arange(6, dtype=">f8").reshape(2, 3))
with open("version2_2x2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([[1.5, -2.5], [3.25, 4e-300]]), version=(2, 0))
np.save("vector_4.npy", np.array([0.5, -1.0, 2.0, 1e10]))
np.save("scalar.npy", np.float64(7.0))
np.save("int64_2x2.npy", np.arange(4, dtype=np.int64).reshape(2, 2))

# .npz archives of the blog's initial synapses: np.savez (stored, named) and np.savez_compressed (deflated, positional
# names arr_0, arr_1), read by NumpyWeights.Load(network, stream).
s0, s1 = np.load("blog_initial_synapse_0.npy"), np.load("blog_initial_synapse_1.npy")
np.savez("blog_initial.npz", synapse_0=s0, synapse_1=s1)
np.savez_compressed("blog_initial_compressed.npz", s0, s1)
