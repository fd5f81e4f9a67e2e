using System;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Recurrent;
using Xunit;

namespace GenNet.Tests.Convolution;

/// <summary>Many streams of a Conv1D sequence network (<c>CreateStreams</c>) against its single-stream <c>Step</c>.</summary>
public sealed class ConvolutionStreamsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { nameof(ConvNet), nameof(DilatedConvNet), nameof(ConvDenseNet), nameof(GroupedConvNet), nameof(DepthwiseConvNet), nameof(StridedConvNet), nameof(PooledConvNet) })
        {
            foreach (int count in new[] { 1, 7, 17, 33 })
            {
                data.Add(name, count);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_stream_equals_the_single_stream_Step(string name, int count)
    {
        (ISequenceNetwork<double> network, ISequenceStreams<double> streams) = name switch
        {
            nameof(ConvNet) => With(new ConvNet(), n => n.CreateStreams(count)),
            nameof(DilatedConvNet) => With(new DilatedConvNet(), n => n.CreateStreams(count)),
            nameof(ConvDenseNet) => With(new ConvDenseNet(), n => n.CreateStreams(count)),
            nameof(GroupedConvNet) => With(new GroupedConvNet(), n => n.CreateStreams(count)),
            nameof(DepthwiseConvNet) => With(new DepthwiseConvNet(), n => n.CreateStreams(count)),
            nameof(StridedConvNet) => With(new StridedConvNet(), n => n.CreateStreams(count)),
            nameof(PooledConvNet) => With(new PooledConvNet(), n => n.CreateStreams(count)),
            _ => throw new ArgumentException(name),
        };
        const int steps = SequenceStreamsTests.Steps;
        (double[][] starts, double[] inputs) = SequenceStreamsTests.StartsAndInputs(network, count, seed: 70 + count);
        for (int s = 0; s < count; s++)
        {
            streams.SetState(s, starts[s]);
        }

        double[] outputs = SequenceStreamsTests.RunStreams(streams, inputs, steps);
        var state = new double[network.StateLength];
        for (int s = 0; s < count; s++)
        {
            starts[s].CopyTo(network.State);
            var single = new double[steps * network.OutputCount];
            network.PredictSequence(SequenceStreamsTests.StreamRows(inputs, s, count, network.InputCount, steps), single);
            streams.GetState(s, state);
            if (name == nameof(DepthwiseConvNet) && count > 8)
            {
                // To rounding: a one-channel group's product is Step's scalar tail (multiply, then add) where the streams
                // fuse the multiply-add.
                SequenceStreamsTests.AssertClose(network.State.ToArray(), state, 1e-13);
            }
            else
            {
                Assert.Equal(network.State.ToArray(), state);
            }

            SequenceStreamsTests.AssertClose(single, SequenceStreamsTests.StreamRows(outputs, s, count, network.OutputCount, steps), 1e-13);
        }
    }

    [Fact]
    public void Float_streams_allocate_nothing_and_match_Step()
    {
        var network = new StreamingConvNet();
        network.InitializeWeights(3);
        StreamingConvNet.Streams streams = network.CreateStreams(19);
        var inputs = new float[19];
        var outputs = new float[19];
        var single = new float[1];
        for (int t = 0; t < 40; t++)
        {
            inputs.AsSpan().Fill(MathF.Sin(t * 0.3f));
            inputs[4] = 0.5f;
            streams.Step(inputs, outputs);
            network.Step(inputs.AsSpan(4, 1), single);
            Assert.True(MathF.Abs(single[0] - outputs[4]) <= 1e-5f * (1 + MathF.Abs(single[0])), $"step {t}: {outputs[4]} vs {single[0]}");
        }

        void Run()
        {
            for (int t = 0; t < 100; t++)
            {
                streams.Step(inputs, outputs);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run, warmUp: false));
    }

    [Fact]
    public void Float_grouped_streams_match_Step()
    {
        var network = new GroupedStreamingConvNet();
        network.InitializeWeights(4);
        GroupedStreamingConvNet.Streams streams = network.CreateStreams(21);
        var inputs = new float[21 * 4];
        var outputs = new float[21];
        var single = new float[1];
        for (int t = 0; t < 40; t++)
        {
            for (int k = 0; k < inputs.Length; k++)
            {
                inputs[k] = MathF.Sin((t * 0.3f) + (k * 0.7f));
            }

            streams.Step(inputs, outputs);
            network.Step(inputs.AsSpan(9 * 4, 4), single);
            Assert.True(MathF.Abs(single[0] - outputs[9]) <= 1e-5f * (1 + MathF.Abs(single[0])), $"step {t}: {outputs[9]} vs {single[0]}");
        }
    }

    private static (ISequenceNetwork<double>, ISequenceStreams<double>) With<TNet>(TNet network, Func<TNet, ISequenceStreams<double>> create)
        where TNet : ISequenceNetwork<double>
    {
        network.InitializeWeights(12);
        return (network, create(network));
    }
}
