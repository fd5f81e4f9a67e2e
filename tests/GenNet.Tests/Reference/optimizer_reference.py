#!/usr/bin/env python3
"""Reference trajectories for OptimizerTests: the update rules of torch.optim written out per scalar in plain Python
floats (IEEE double), independent of the C# code. Run it to regenerate the literals in OptimizerTests.cs:
    /usr/bin/python3 tests/GenNet.Tests/Reference/optimizer_reference.py
"""
import math

P0 = [0.5, -1.25, 2.0, 0.0, 3.5, -0.75, 1.0, -2.5, 0.25, 4.0, -3.0]
GRADIENTS = [
    [0.1, -0.2, 0.3, -0.4, 0.5, 0.0, -0.6, 0.7, -0.8, 0.9, -1.0],
    [0.05, 0.2, -0.3, 0.1, 0.45, -0.02, -0.5, 1.5, 0.8, -0.9, 0.0],
    [-0.3, 0.25, 0.01, -0.2, 0.4, 0.3, -0.1, 0.6, 0.2, 0.3, -2.0],
]


def sgd(lr):
    p = list(P0)
    for g in GRADIENTS:
        p = [w - lr * gi for w, gi in zip(p, g)]
    return p


def momentum(lr, mu, nesterov):
    p, v = list(P0), [0.0] * len(P0)
    for g in GRADIENTS:
        for i, gi in enumerate(g):
            v[i] = mu * v[i] + gi
            d = gi + mu * v[i] if nesterov else v[i]
            p[i] = p[i] - lr * d
    return p


def adagrad(lr, eps):
    p, s = list(P0), [0.0] * len(P0)
    for g in GRADIENTS:
        for i, gi in enumerate(g):
            s[i] = s[i] + gi * gi
            p[i] = p[i] - lr * gi / (math.sqrt(s[i]) + eps)
    return p


def rmsprop(lr, rho, eps):
    p, s = list(P0), [0.0] * len(P0)
    for g in GRADIENTS:
        for i, gi in enumerate(g):
            s[i] = rho * s[i] + (1 - rho) * (gi * gi)
            p[i] = p[i] - lr * gi / (math.sqrt(s[i]) + eps)
    return p


def adadelta(lr, rho, eps):
    p, s, u = list(P0), [0.0] * len(P0), [0.0] * len(P0)
    for g in GRADIENTS:
        for i, gi in enumerate(g):
            s[i] = rho * s[i] + (1 - rho) * (gi * gi)
            delta = math.sqrt(u[i] + eps) / math.sqrt(s[i] + eps) * gi
            u[i] = rho * u[i] + (1 - rho) * (delta * delta)
            p[i] = p[i] - lr * delta
    return p


def adam(lr, b1, b2, eps, decay):
    p, m, v = list(P0), [0.0] * len(P0), [0.0] * len(P0)
    for t, g in enumerate(GRADIENTS, start=1):
        step = lr / (1 - b1 ** t)
        root = math.sqrt(1 - b2 ** t)
        for i, gi in enumerate(g):
            p[i] = p[i] * (1 - lr * decay)
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * (gi * gi)
            p[i] = p[i] - step * (m[i] / (math.sqrt(v[i]) / root + eps))
    return p


CASES = {
    "Sgd": sgd(0.1),
    "Momentum": momentum(0.1, 0.9, False),
    "Nesterov": momentum(0.1, 0.9, True),
    "AdaGrad": adagrad(0.1, 1e-10),
    "RmsProp": rmsprop(0.01, 0.99, 1e-8),
    "AdaDelta": adadelta(1.0, 0.9, 1e-6),
    "Adam": adam(0.1, 0.9, 0.999, 1e-8, 0.0),
    "AdamW": adam(0.1, 0.9, 0.999, 1e-8, 0.01),
}

if __name__ == "__main__":
    for name, values in CASES.items():
        print(f'            ["{name}"] = new[] {{ {", ".join(repr(v) for v in values)} }},')
