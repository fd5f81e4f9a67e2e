using System;
using GenNet;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// The float many-stream kernels (StreamKernels.Product512 and Cells512 where AVX-512 runs, the generic ones elsewhere)
/// on every group shape: counts of one partial group of 8 (the generic kernels), of 16 (one register of streams per
/// block), of 32 (two), several groups and a partial last group; widths that fill the 8-row blocks and ones that leave
/// rows over; one and several inputs; stacks. Each stream against its own single-stream <c>Step</c> from the same start
/// and against the naive double reference.
/// </summary>
public sealed class FloatStreamsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { nameof(GruSingle), nameof(LstmSingle), nameof(LstmSingle32), nameof(StackedGruSingle), nameof(GruOddSingle), nameof(LstmOddStackSingle) })
        {
            foreach (int count in new[] { 1, 5, 9, 16, 17, 31, 32, 47, 65, 100 })
            {
                data.Add(name, count);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_stream_agrees_with_its_own_Step_and_the_naive_reference(string name, int count)
    {
        (ISequenceNetwork<float> network, ISequenceStreams<float> streams) = Create(name, count);
        (float[][] starts, float[] inputs) = SequenceStreamsTests.StartsAndInputs<float>(network, count, seed: 100 + count);
        for (int s = 0; s < count; s++)
        {
            streams.SetState(s, starts[s]);
        }

        const int steps = SequenceStreamsTests.Steps;
        float[] outputs = SequenceStreamsTests.RunStreams(streams, inputs, steps);
        double[] parameters = Array.ConvertAll(network.Parameters.ToArray(), v => (double)v);
        var state = new float[network.StateLength];
        for (int s = 0; s < count; s++)
        {
            float[] sequence = SequenceStreamsTests.StreamRows(inputs, s, count, network.InputCount, steps);
            float[] mine = SequenceStreamsTests.StreamRows(outputs, s, count, network.OutputCount, steps);

            // Step from the same start: the same gate functions (GateMath where both run on 512-bit registers), the
            // sums in another order, so a few ulp per step.
            starts[s].CopyTo(network.State);
            var single = new float[steps * network.OutputCount];
            network.PredictSequence(sequence, single);
            streams.GetState(s, state);
            AssertClose(network.State.ToArray(), state, 1e-5, $"{name}, stream {s} of {count}, state");
            AssertClose(single, mine, 1e-5, $"{name}, stream {s} of {count}, outputs");

            // The naive reference in double from the float parameters and start.
            double[] reference = SequenceReference.Predict(network.Architecture, parameters, Array.ConvertAll(starts[s], v => (double)v), Array.ConvertAll(sequence, v => (double)v));
            AssertClose(reference, mine, 2e-5, $"{name}, stream {s} of {count}, reference");
        }
    }

    [Theory]
    [InlineData(nameof(GruSingle), 1)]
    [InlineData(nameof(LstmSingle), 3)]
    [InlineData(nameof(LstmSingle32), 8)]
    [InlineData(nameof(LstmOddStackSingle), 8)]
    public void A_few_streams_step_through_Step_itself_bit_for_bit(string name, int count)
    {
        // Up to StreamAlignment streams, a group would be slower than one Step per stream, so each stream runs the
        // network's own step on its own state: its outputs and state are Step's, not just close to them.
        (ISequenceNetwork<float> network, ISequenceStreams<float> streams) = Create(name, count);
        (float[][] starts, float[] inputs) = SequenceStreamsTests.StartsAndInputs<float>(network, count, seed: 7 + count);
        for (int s = 0; s < count; s++)
        {
            streams.SetState(s, starts[s]);
        }

        const int steps = SequenceStreamsTests.Steps;
        float[] outputs = SequenceStreamsTests.RunStreams(streams, inputs, steps);
        var state = new float[network.StateLength];
        for (int s = 0; s < count; s++)
        {
            starts[s].CopyTo(network.State);
            var single = new float[steps * network.OutputCount];
            network.PredictSequence(SequenceStreamsTests.StreamRows(inputs, s, count, network.InputCount, steps), single);
            streams.GetState(s, state);
            Assert.Equal(network.State.ToArray(), state);
            Assert.Equal(single, SequenceStreamsTests.StreamRows(outputs, s, count, network.OutputCount, steps));
        }
    }

    private static (ISequenceNetwork<float> Network, ISequenceStreams<float> Streams) Create(string name, int count)
    {
        (ISequenceNetwork<float> network, ISequenceStreams<float> streams) = name switch
        {
            nameof(GruSingle) => Pair(new GruSingle(), n => n.CreateStreams(count)),
            nameof(LstmSingle) => Pair(new LstmSingle(), n => n.CreateStreams(count)),
            nameof(LstmSingle32) => Pair(new LstmSingle32(), n => n.CreateStreams(count)),
            nameof(StackedGruSingle) => Pair(new StackedGruSingle(), n => n.CreateStreams(count)),
            nameof(GruOddSingle) => Pair(new GruOddSingle(), n => n.CreateStreams(count)),
            nameof(LstmOddStackSingle) => Pair(new LstmOddStackSingle(), n => n.CreateStreams(count)),
            _ => throw new ArgumentException(name),
        };
        network.InitializeWeights(5);
        return (network, streams);
    }

    private static (ISequenceNetwork<float>, ISequenceStreams<float>) Pair<TNet>(TNet network, Func<TNet, ISequenceStreams<float>> create)
        where TNet : ISequenceNetwork<float> => (network, create(network));

    private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{what} [{i}]: {actual[i]} vs {expected[i]}");
        }
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{what} [{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
