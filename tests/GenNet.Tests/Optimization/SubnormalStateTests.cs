using System;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// Optimizer state that decays while its gradient is zero (a dead unit's weights) must reach zero without passing
/// through subnormal numbers, which x64 cores compute about a hundred times slower, and the parameters must come out
/// as an unflushed reference computes them.
/// </summary>
public sealed class SubnormalStateTests
{
    // 0.9¹⁰⁰⁰ · 10⁻³ ≈ 2·10⁻⁴⁹: far below float's smallest normal (1.2·10⁻³⁸), so every β₁/μ-decayed value passes it.
    private const int Steps = 1000;

    public static TheoryData<string> Rules => new() { "Momentum", "Nesterov", "RmsProp", "AdaDelta", "Adam", "AdamW", "AdaGrad" };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Float_state_decaying_without_gradient_holds_no_subnormal_values(string rule)
    {
        IOptimizer optimizer = Create(rule);
        const int n = 37; // four 8-lane vectors and a tail (or two 16-lane ones and a tail)
        float[] parameters = new float[n];
        float[] gradient = new float[n];
        float[] state = new float[n * optimizer.StatePerParameter];
        for (int i = 0; i < n; i++)
        {
            parameters[i] = 0.5f + (i * 0.01f);
            gradient[i] = i % 2 == 0 ? 1e-3f : 1e-20f; // the second kind makes g² subnormal for the squared moments
        }

        optimizer.Update<float>(parameters, gradient, state, 0.01f, 1);
        Array.Clear(gradient);
        int subnormal = 0;
        for (long step = 2; step <= Steps; step++)
        {
            optimizer.Update<float>(parameters, gradient, state, 0.01f, step);
            foreach (float value in state)
            {
                subnormal += float.IsSubnormal(value) ? 1 : 0;
            }
        }

        Assert.Equal(0, subnormal);
    }

    [Fact]
    public void Momentum_parameters_are_bit_identical_to_an_unflushed_reference()
    {
        // v ← μ·v + g; w ← w + (−α)·v, one float at a time with subnormals kept: the flushed velocity's contribution
        // (below 10⁻³⁸·α) is under half an ulp of these weights, so not one bit may differ.
        const int n = 19;
        var momentum = new Momentum { Coefficient = 0.5 };
        float[] parameters = new float[n], gradient = new float[n], state = new float[n];
        float[] referenceWeights = new float[n], referenceVelocity = new float[n];
        for (int i = 0; i < n; i++)
        {
            parameters[i] = referenceWeights[i] = 0.25f + i;
        }

        for (long step = 1; step <= 400; step++)
        {
            for (int i = 0; i < n; i++)
            {
                gradient[i] = step <= 3 ? 0.1f * (i + 1) : 0f;
            }

            for (int i = 0; i < n; i++)
            {
                referenceVelocity[i] = (referenceVelocity[i] * 0.5f) + gradient[i];
                referenceWeights[i] = (referenceVelocity[i] * -0.05f) + referenceWeights[i];
            }

            momentum.Update<float>(parameters, gradient, state, 0.05f, step);
            Assert.Equal(referenceWeights, parameters);
            for (int i = 0; i < n; i++)
            {
                // The velocity itself is the reference's until the reference's turns subnormal, and zero from then on.
                Assert.Equal(float.IsSubnormal(referenceVelocity[i]) ? 0f : referenceVelocity[i], state[i]);
            }
        }

        Assert.All(state, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Adam_parameters_match_a_double_reference_after_the_moments_underflow()
    {
        const int n = 11;
        var adam = new Adam();
        double[] start = new double[n];
        float[] parameters = new float[n], gradient = new float[n], state = new float[2 * n];
        double[] weights = new double[n], mean = new double[n], meanSquare = new double[n];
        for (int i = 0; i < n; i++)
        {
            parameters[i] = (float)(weights[i] = start[i] = 1.0 + (0.1 * i));
        }

        for (long step = 1; step <= Steps; step++)
        {
            double g = step <= 5 ? 0.3 : 0.0;
            for (int i = 0; i < n; i++)
            {
                gradient[i] = (float)g;
                mean[i] = (0.9 * mean[i]) + (0.1 * g);
                meanSquare[i] = (0.999 * meanSquare[i]) + (0.001 * g * g);
                double stepSize = 0.01 / (1 - Math.Pow(0.9, step));
                weights[i] -= stepSize * (mean[i] / ((Math.Sqrt(meanSquare[i]) / Math.Sqrt(1 - Math.Pow(0.999, step))) + 1e-8));
            }

            adam.Update<float>(parameters, gradient, state, 0.01f, step);
        }

        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(weights[i] - parameters[i]) <= 1e-5, $"weight {i}: reference {weights[i]}, Adam {parameters[i]}");
            Assert.True(Math.Abs(parameters[i] - start[i]) > 0.01, $"weight {i} did not move");
        }

        Assert.All(state.AsSpan(0, n).ToArray(), m => Assert.Equal(0f, m)); // 0.9^995 · 0.03: long past float's range
    }

    private static IOptimizer Create(string rule) => rule switch
    {
        "Momentum" => new Momentum(),
        "Nesterov" => new Nesterov(),
        "RmsProp" => new RmsProp(),
        "AdaDelta" => new AdaDelta(),
        "Adam" => new Adam(),
        "AdamW" => new AdamW(),
        "AdaGrad" => new AdaGrad(),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
