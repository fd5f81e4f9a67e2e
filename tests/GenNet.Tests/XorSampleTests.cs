using System;
using GenNet.Samples.Xor;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests;

/// <summary>The XOR sample's network, trained exactly as the sample trains it.</summary>
public sealed class XorSampleTests
{
    [Fact]
    public void Xor_network_learns_xor()
    {
        (XorNet network, TrainingResult<double> result) = XorExperiment.Run();

        Assert.True(result.FinalError < 0.01, $"final error {result.FinalError}");
        Span<double> output = stackalloc double[1];
        for (int row = 0; row < 4; row++)
        {
            network.Predict(XorExperiment.Inputs.Slice(row * 3, 3), output);
            Assert.Equal(XorExperiment.Targets[row], Math.Round(output[0]));
        }
    }
}
