using System;
using System.Collections.Generic;
using System.Linq;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// Every update rule against an independent reference: three steps on known gradients from known parameters, with the
/// expected parameters computed by Reference/optimizer_reference.py (torch.optim's formulas, one Python float at a
/// time). Eleven parameters: two full vectors and a partial one, so both the vector loop and the tail are checked.
/// </summary>
public sealed class OptimizerUpdateTests
{
    private static readonly double[] Start = { 0.5, -1.25, 2.0, 0.0, 3.5, -0.75, 1.0, -2.5, 0.25, 4.0, -3.0 };

    private static readonly double[][] Gradients =
    {
        new[] { 0.1, -0.2, 0.3, -0.4, 0.5, 0.0, -0.6, 0.7, -0.8, 0.9, -1.0 },
        new[] { 0.05, 0.2, -0.3, 0.1, 0.45, -0.02, -0.5, 1.5, 0.8, -0.9, 0.0 },
        new[] { -0.3, 0.25, 0.01, -0.2, 0.4, 0.3, -0.1, 0.6, 0.2, 0.3, -2.0 },
    };

    // Printed by: /usr/bin/python3 tests/GenNet.Tests/Reference/optimizer_reference.py
    private static readonly Dictionary<string, double[]> Expected = new()
    {
        ["Sgd"] = new[] { 0.515, -1.275, 1.999, 0.05000000000000001, 3.365, -0.778, 1.12, -2.78, 0.22999999999999998, 3.97, -2.6999999999999997 },
        ["Momentum"] = new[] { 0.49339999999999995, -1.2588, 1.9747, 0.10940000000000001, 3.2390000000000003, -0.7762, 1.2676, -3.0347, 0.2948, 3.8971, -2.529 },
        ["Nesterov"] = new[] { 0.50906, -1.28292, 1.97623, 0.14846, 3.1301, -0.80158, 1.36084, -3.26123, 0.27032, 3.87739, -2.2761 },
        ["AdaGrad"] = new[] { 0.44898289769389954, -1.286937295979363, 1.9683543099877452, 0.11939001551492374, 3.281993401674235, -0.749778516252475, 1.176718452639991, -2.7246960240326548, 0.2618815562810406, 3.9477691047389083, -2.8105572809140082 },
        ["RmsProp"] = new[] { 0.4489055997828121, -1.2873944267129172, 1.9685139656624349, 0.11962034685518398, 3.2815132867874084, -0.7497811901584102, 1.1770083237544628, -2.7249557982819343, 0.26157654059044655, 3.9477823454967687, -2.8103787708334997 },
        ["AdaDelta"] = new[] { 0.49932989034107933, -1.2538363680162672, 1.9999436847522074, 0.004154709783310598, 3.490868083450299, -0.7513121995230878, 1.0068389914518938, -2.509401566005639, 0.24889750487339538, 3.9987399662663026, -2.992862778011903 },
        ["Adam"] = new[] { 0.3415044067303888, -1.2006347915914821, 1.9078240566640363, 0.20749422057320668, 3.2015897910164717, -0.7355019797984694, 1.2832331507298074, -2.7871324413077794, 0.32960220214456953, 3.8945571179763045, -2.752700323223763 },
        ["AdamW"] = new[] { 0.3402990241624869, -1.1970831771738555, 1.9020246914996537, 0.20724737376269403, 3.191399775282709, -0.7333286426782208, 1.2799371324474753, -2.7793442762057974, 0.3286583150548973, 3.882763750816247, -2.7439762260462293 },
    };

    public static TheoryData<string> Rules => new() { "Sgd", "Momentum", "Nesterov", "AdaGrad", "RmsProp", "AdaDelta", "Adam", "AdamW" };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Three_updates_match_the_reference(string rule)
    {
        double[] actual = rule switch
        {
            "Sgd" => Run(new Sgd(), 0.1),
            "Momentum" => Run(new Momentum(), 0.1),
            "Nesterov" => Run(new Nesterov(), 0.1),
            "AdaGrad" => Run(new AdaGrad(), 0.1),
            "RmsProp" => Run(new RmsProp(), 0.01),
            "AdaDelta" => Run(new AdaDelta(), 1.0),
            "Adam" => Run(new Adam(), 0.1),
            "AdamW" => Run(new AdamW(), 0.1),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        double[] expected = Expected[rule];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= 1e-15 * Math.Max(1, Math.Abs(expected[i])),
                $"{rule}, parameter {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    [Fact]
    public void Single_precision_Adam_follows_the_double_reference()
    {
        var state = new OptimizerState<float, Adam>(new Adam(), Start.Length);
        float[] parameters = Start.Select(v => (float)v).ToArray();
        foreach (double[] g in Gradients)
        {
            state.Update(parameters, g.Select(v => (float)v).ToArray(), 0.1f);
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.Equal(Expected["Adam"][i], parameters[i], 1e-5);
        }
    }

    [Fact]
    public void Adams_first_step_moves_every_parameter_by_the_learning_rate_against_its_gradient()
    {
        // By hand: m̂ = g and v̂ = g² after one step, so the step is α·g / (|g| + ε) ≈ α·sign(g).
        double[] parameters = (double[])Start.Clone();
        new Adam().Update<double>(parameters, (double[])Gradients[0].Clone(), new double[2 * Start.Length], 0.1, step: 1);
        for (int i = 0; i < parameters.Length; i++)
        {
            double expected = Start[i] - (0.1 * Math.Sign(Gradients[0][i]));
            Assert.Equal(expected, parameters[i], 1e-7);
        }
    }

    [Fact]
    public void Momentum_accumulates_the_previous_gradient()
    {
        // By hand: v₁ = g₁, w₁ = w₀ − α·g₁; v₂ = μ·g₁ + g₂, w₂ = w₁ − α·(μ·g₁ + g₂).
        var state = new OptimizerState<double, Momentum>(new Momentum { Coefficient = 0.5 }, 1);
        double[] w = { 1.0 };
        state.Update(w, new[] { 2.0 }, 0.25);
        Assert.Equal(0.5, w[0]);
        state.Update(w, new[] { -1.0 }, 0.25);
        Assert.Equal(0.5 - (0.25 * ((0.5 * 2.0) - 1.0)), w[0]);
        Assert.Equal(2, state.Steps);

        state.Reset();
        Assert.Equal(0, state.Steps);
        Assert.Equal(0.0, state.State[0]);
    }

    [Fact]
    public void A_default_optimizer_is_refused_with_a_message_saying_how_to_create_it()
    {
        var error = Assert.Throws<ArgumentException>(() => default(Adam).Update<double>(new double[2], new double[2], new double[4], 0.1, 1));
        Assert.Contains("new Adam()", error.Message);
    }

    [Fact]
    public void Wrong_state_or_gradient_lengths_name_the_expected_size()
    {
        var stateError = Assert.Throws<ArgumentException>(() => new RmsProp().Update<double>(new double[3], new double[3], new double[2], 0.1, 1));
        Assert.Contains("exactly 3", stateError.Message);
        var gradientError = Assert.Throws<ArgumentException>(() => new Sgd().Update<double>(new double[3], new double[4], Array.Empty<double>(), 0.1, 1));
        Assert.Contains("exactly 3", gradientError.Message);
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { Beta1 = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp { Epsilon = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum { Coefficient = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW { WeightDecay = double.NaN });
    }

    private static double[] Run<TOptimizer>(TOptimizer optimizer, double learningRate)
        where TOptimizer : struct, IOptimizer
    {
        var state = new OptimizerState<double, TOptimizer>(optimizer, Start.Length);
        double[] parameters = (double[])Start.Clone();
        foreach (double[] gradient in Gradients)
        {
            state.Update(parameters, (double[])gradient.Clone(), learningRate);
        }

        return parameters;
    }
}
