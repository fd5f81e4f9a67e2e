using GenNet;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Generated_architecture_describes_the_attribute()
    {
        NetworkArchitecture architecture = Net5x7x3.Architecture;

        Assert.Equal(new[] { 5, 7, 3 }, architecture.LayerSizes);
        Assert.Equal(new[] { "GenNet.Activations.Sigmoid", "GenNet.Activations.Sigmoid" }, architecture.Activations);
        Assert.Equal(NetworkPrecision.Double, architecture.Precision);
        Assert.Equal(Net5x7x3.ParameterCount, architecture.ParameterCount);
        Assert.Equal(
            "double 5-7-3 bias=yes activations=GenNet.Activations.Sigmoid,GenNet.Activations.Sigmoid loss=SumSquaredError",
            architecture.Signature);
        Assert.Same(architecture, ((INetwork<double>)new Net5x7x3()).Architecture);
    }

    [Fact]
    public void Architectures_compare_by_signature()
    {
        Assert.NotEqual(Net3x4x1.Architecture, (NetworkArchitecture)Net3x4x1Single.Architecture);
        Assert.Equal(Net4x3.Architecture, new NetworkArchitecture(NetworkPrecision.Double, new[] { 4, 3 }, new[] { "GenNet.Activations.Sigmoid" }, true, LossFunction.SumSquaredError));
    }
}
