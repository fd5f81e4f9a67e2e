using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>Xavier and He initialisation: each synapse within its own limit, spread over it, biases zero, seeded.</summary>
public sealed class InitializationTests
{
    [Fact]
    public void He_draws_each_synapse_within_sqrt_6_over_fan_in_and_zero_biases()
    {
        var network = new HeInitialized();
        network.InitializeWeights(5);
        CheckSynapses(network.Parameters.ToArray(), HeInitialized.Architecture, (fanIn, _) => Math.Sqrt(6.0 / fanIn));
    }

    [Fact]
    public void Xavier_draws_each_synapse_within_sqrt_6_over_fan_in_plus_fan_out_and_zero_biases()
    {
        var network = new XavierInitialized();
        network.InitializeWeights(5);
        CheckSynapses(network.Parameters.ToArray(), XavierInitialized.Architecture, (fanIn, fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut)));

        var again = new XavierInitialized();
        again.InitializeWeights(5);
        Assert.Equal(network.Parameters.ToArray(), again.Parameters.ToArray());
    }

    private static void CheckSynapses(double[] parameters, NetworkArchitecture architecture, Func<int, int, double> limitOf)
    {
        int offset = 0;
        for (int s = 0; s + 1 < architecture.LayerSizes.Count; s++)
        {
            int fanIn = architecture.LayerSizes[s], fanOut = architecture.LayerSizes[s + 1];
            double limit = limitOf(fanIn, fanOut);
            double[] weights = parameters.Skip(offset).Take(fanIn * fanOut).ToArray();
            Assert.All(weights, w => Assert.InRange(w, -limit, limit));
            // Uniform over the whole range, not squeezed into part of it.
            Assert.True(weights.Max() > 0.8 * limit && weights.Min() < -0.8 * limit, $"synapse {s} spans [{weights.Min()}, {weights.Max()}] of ±{limit}");
            offset += weights.Length;
            Assert.All(parameters.Skip(offset).Take(fanOut), b => Assert.Equal(0.0, b));
            offset += fanOut;
        }

        Assert.Equal(parameters.Length, offset);
    }
}
