using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GenNet;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>
/// The parameter layout has one owner (<see cref="ParameterLayout"/>, one source file compiled into the runtime and
/// linked into the generator): its offsets by hand, and the generated networks' named spans where it says they are.
/// </summary>
public sealed class ParameterLayoutTests
{
    [Fact]
    public void Offsets_follow_weights_then_bias_then_gamma_and_beta()
    {
        // 4-6-3 with bias, hidden layer normalised: synapse_0 = 24 weights, 6 bias, 6 γ, 6 β; synapse_1 = 18 weights, 3 bias.
        ParameterLayout layout = ParameterLayout.Create(new[] { 4, 6, 3 }, hasBias: true, batchNormalization: true);

        Assert.Equal(new SynapseLayout(0, 4, 6, 0, 24, 30, 36, 42), layout.Synapses[0]);
        Assert.Equal(new SynapseLayout(1, 6, 3, 42, 60, -1, -1, 21), layout.Synapses[1]);
        Assert.Equal(63, layout.ParameterCount);

        // The blog's 3-4-1 without bias: 12 weights, then 4.
        ParameterLayout blog = ParameterLayout.Create(new[] { 3, 4, 1 }, hasBias: false, batchNormalization: false);
        Assert.Equal(new SynapseLayout(0, 3, 4, 0, -1, -1, -1, 12), blog.Synapses[0]);
        Assert.Equal(new SynapseLayout(1, 4, 1, 12, -1, -1, -1, 4), blog.Synapses[1]);
        Assert.Equal(16, blog.ParameterCount);
    }

    [Fact]
    public void Sizes_are_checked()
    {
        Assert.Throws<OverflowException>(() => ParameterLayout.Create(new[] { 65536, 65536 }, hasBias: false, batchNormalization: false));
        Assert.Throws<OverflowException>(() => ParameterLayout.Create(new[] { 46341, 46341, 2 }, hasBias: true, batchNormalization: false));
        Assert.Throws<ArgumentException>(() => ParameterLayout.Create(new[] { 3 }, hasBias: false, batchNormalization: false));
        Assert.Throws<ArgumentException>(() => ParameterLayout.Create(new[] { 3, 0, 1 }, hasBias: false, batchNormalization: false));
    }

    public static TheoryData<string> Networks() => new()
    {
        nameof(Net5x7x3), nameof(BatchNormRegression), nameof(BatchNormClassifier), nameof(DeepTanhRegression), nameof(LoopSoftmaxClassifier),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_generated_spans_sit_where_the_runtime_layout_says(string name)
    {
        var network = (ITrainableNetwork<double>)Activator.CreateInstance(typeof(Net5x7x3).Assembly.GetType("GenNet.Tests.Networks." + name)!)!;
        ParameterLayout layout = network.Architecture.Layout;
        Assert.Equal(network.ParameterCount, layout.ParameterCount);
        int checkedSpans = 0;
        foreach (SynapseLayout synapse in layout.Synapses)
        {
            checkedSpans += Check(network, $"Synapse{synapse.Index}", synapse.WeightOffset, synapse.WeightCount);
            checkedSpans += Check(network, $"Bias{synapse.Index}", synapse.BiasOffset, synapse.Columns);
            checkedSpans += Check(network, $"Gamma{synapse.Index + 1}", synapse.GammaOffset, synapse.Columns);
            checkedSpans += Check(network, $"Beta{synapse.Index + 1}", synapse.BetaOffset, synapse.Columns);
        }

        Assert.True(checkedSpans >= layout.Synapses.Count);
    }

    // The generated property's span is parameters[offset..offset + length), or it does not exist when offset is −1.
    private static int Check(ITrainableNetwork<double> network, string property, int offset, int length)
    {
        PropertyInfo? info = network.GetType().GetProperty(property);
        if (offset < 0)
        {
            Assert.Null(info);
            return 0;
        }

        Assert.NotNull(info);
        var getter = (SpanGetter)Delegate.CreateDelegate(typeof(SpanGetter), network, info!.GetMethod!);
        Span<double> span = getter();
        Span<double> parameters = network.Parameters;
        long start = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(parameters), ref MemoryMarshal.GetReference(span)) / sizeof(double);
        Assert.Equal((offset, length), ((int)start, span.Length));
        return 1;
    }

    private delegate Span<double> SpanGetter();
}
