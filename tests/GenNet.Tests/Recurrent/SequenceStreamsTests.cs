using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// Many streams of one sequence network (<c>CreateStreams</c>): each stream against the single-stream <c>Step</c> of the
/// same network and against the naive <see cref="SequenceReference"/>, independence, per-stream state, argument checks,
/// shared weights and allocation.
/// </summary>
public sealed class SequenceStreamsTests
{
    internal const int Steps = 6;

    public static TheoryData<string, int> DoubleCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { nameof(RnnNet), nameof(GruNet), nameof(LstmNet), nameof(StackedGruNet), nameof(StackedLstmDenseNet), nameof(StackedRnnDenseNet), nameof(GruDenseNet) })
        {
            foreach (int count in new[] { 1, 7, 17, 33 })
            {
                data.Add(name, count);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Every_stream_equals_the_single_stream_Step_and_the_naive_reference(string name, int count)
    {
        (ISequenceNetwork<double> network, Func<int, ISequenceStreams<double>> create) = Double(name);
        Randomize(network.Parameters, seed: 3, scale: 1.5);
        ISequenceStreams<double> streams = create(count);
        (double[][] starts, double[] inputs) = StartsAndInputs<double>(network, count, seed: count);
        for (int s = 0; s < count; s++)
        {
            streams.SetState(s, starts[s]);
        }

        double[] outputs = RunStreams(streams, inputs, Steps);
        for (int s = 0; s < count; s++)
        {
            double[] mine = StreamRows(outputs, s, count, network.OutputCount, Steps);
            double[] sequence = StreamRows(inputs, s, count, network.InputCount, Steps);

            // The single-stream network from the same state, to rounding: Step runs the fused cells
            // (RecurrentCells: the recurrent product in two chains), the streams one product per gate block, and a
            // one-unit output is a dot product there, a chain here.
            starts[s].CopyTo(network.State);
            var single = new double[Steps * network.OutputCount];
            network.PredictSequence(sequence, single);
            var state = new double[network.StateLength];
            streams.GetState(s, state);
            AssertClose(network.State.ToArray(), state, 1e-13);
            AssertClose(single, mine, 1e-13);

            // The independent naive reference.
            double[] reference = SequenceReference.Predict(network.Architecture, network.Parameters.ToArray(), starts[s], sequence);
            AssertClose(reference, mine, 1e-11);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(65)]
    public void Float_streams_equal_the_single_stream_Step(int count)
    {
        var gru = new GruSingle();
        CheckFloat(gru, gru.CreateStreams(count), count);
        var lstm = new LstmSingle();
        CheckFloat(lstm, lstm.CreateStreams(count), count);

        static void CheckFloat(ISequenceNetwork<float> network, ISequenceStreams<float> streams, int count)
        {
            network.InitializeWeights(9);
            (float[][] starts, float[] inputs) = StartsAndInputs<float>(network, count, seed: 40 + count);
            for (int s = 0; s < count; s++)
            {
                streams.SetState(s, starts[s]);
            }

            float[] outputs = RunStreams(streams, inputs, Steps);
            var state = new float[network.StateLength];
            for (int s = 0; s < count; s++)
            {
                starts[s].CopyTo(network.State);
                var single = new float[Steps];
                network.PredictSequence(StreamRows(inputs, s, count, 1, Steps), single);
                // Float Step and streams of 16 or more both gate with RTNeural's σ and Eigen's rational tanh
                // (GateMath) but sum in other orders; groups of 8 use the runtime's lane activations: a few ulp apart
                // per step.
                streams.GetState(s, state);
                float[] expectedState = network.State.ToArray();
                for (int i = 0; i < state.Length; i++)
                {
                    Assert.True(Math.Abs(expectedState[i] - state[i]) <= 1e-5f * (1 + Math.Abs(expectedState[i])), $"stream {s}, state {i}: {state[i]} vs {expectedState[i]}");
                }

                float[] mine = StreamRows(outputs, s, count, 1, Steps);
                for (int t = 0; t < Steps; t++)
                {
                    Assert.True(Math.Abs(single[t] - mine[t]) <= 1e-5f * (1 + Math.Abs(single[t])), $"stream {s}, step {t}: {mine[t]} vs {single[t]}");
                }
            }
        }
    }

    [Fact]
    public void Changing_one_stream_changes_no_other()
    {
        var network = new StackedLstmDenseNet();
        network.InitializeWeights(4);
        const int count = 19;
        (double[][] starts, double[] inputs) = StartsAndInputs<double>(network, count, seed: 8);
        double[] changed = inputs.ToArray();
        for (int t = 0; t < Steps; t++)
        {
            changed[(((t * count) + 5) * StackedLstmDenseNet.InputCount) + 1] += 0.5;   // stream 5's second input, every step
        }

        StackedLstmDenseNet.Streams a = network.CreateStreams(count), b = network.CreateStreams(count);
        for (int s = 0; s < count; s++)
        {
            a.SetState(s, starts[s]);
            b.SetState(s, starts[s]);
        }

        double[] outA = RunStreams(a, inputs, Steps), outB = RunStreams(b, changed, Steps);
        var stateA = new double[StackedLstmDenseNet.StateLength];
        var stateB = new double[StackedLstmDenseNet.StateLength];
        for (int s = 0; s < count; s++)
        {
            a.GetState(s, stateA);
            b.GetState(s, stateB);
            double[] rowsA = StreamRows(outA, s, count, 3, Steps), rowsB = StreamRows(outB, s, count, 3, Steps);
            if (s == 5)
            {
                Assert.NotEqual(rowsA, rowsB);
                Assert.NotEqual(stateA, stateB);
            }
            else
            {
                Assert.Equal(rowsA, rowsB);
                Assert.Equal(stateA, stateB);
            }
        }
    }

    [Fact]
    public void ResetState_of_one_stream_and_Get_SetState_round_trip()
    {
        var network = new StackedGruNet();
        network.InitializeWeights(6);
        const int count = 7;
        StackedGruNet.Streams streams = network.CreateStreams(count);
        (_, double[] inputs) = StartsAndInputs<double>(network, count, seed: 2);
        RunStreams(streams, inputs, Steps);
        var before = Enumerable.Range(0, count).Select(s => State(streams, s)).ToArray();
        Assert.All(before, state => Assert.Contains(state, v => v != 0));

        streams.ResetState(3);
        for (int s = 0; s < count; s++)
        {
            Assert.Equal(s == 3 ? new double[StackedGruNet.StateLength] : before[s], State(streams, s));
        }

        // The reset stream starts a new sequence: equal to the network from zero on the same sample.
        var outputs = new double[count * StackedGruNet.OutputCount];
        streams.Step(inputs.AsSpan(0, count * StackedGruNet.InputCount), outputs);
        network.ResetState();
        var single = new double[StackedGruNet.OutputCount];
        network.Step(inputs.AsSpan(3 * StackedGruNet.InputCount, StackedGruNet.InputCount), single);
        AssertClose(single, outputs.AsSpan(3 * StackedGruNet.OutputCount, StackedGruNet.OutputCount).ToArray(), 1e-14);
        AssertClose(network.State.ToArray(), State(streams, 3), 1e-14);

        // SetState writes exactly one stream; GetState reads it back.
        double[] others = State(streams, 2);
        double[] saved = Enumerable.Range(0, StackedGruNet.StateLength).Select(i => 0.1 * (i + 1)).ToArray();
        streams.SetState(6, saved);
        Assert.Equal(saved, State(streams, 6));
        Assert.Equal(others, State(streams, 2));

        streams.ResetState();
        Assert.All(Enumerable.Range(0, count), s => Assert.Equal(new double[StackedGruNet.StateLength], State(streams, s)));
    }

    [Fact]
    public void Streams_read_the_networks_current_weights()
    {
        var network = new GruNet();
        network.InitializeWeights(1);
        GruNet.Streams streams = network.CreateStreams(2);
        var input = new double[] { 0.3, -0.2, 0.9, 0.1, 0.4, -0.7 };
        var outputs = new double[4];
        network.InitializeWeights(2);   // after CreateStreams: the streams see it
        streams.Step(input, outputs);
        var single = new double[2];
        network.Step(input.AsSpan(3, 3), single);
        AssertClose(single, outputs.AsSpan(2, 2).ToArray(), 1e-14);
    }

    [Fact]
    public void Arguments_are_checked_with_expected_and_actual_sizes()
    {
        var network = new GruNet();
        Assert.Throws<ArgumentOutOfRangeException>(() => network.CreateStreams(0));
        GruNet.Streams streams = network.CreateStreams(4);
        Assert.Equal(4, streams.Count);
        var error = Assert.Throws<ArgumentException>(() => streams.Step(new double[11], new double[8]));
        Assert.Contains("12", error.Message);
        Assert.Contains("11", error.Message);
        error = Assert.Throws<ArgumentException>(() => streams.Step(new double[12], new double[9]));
        Assert.Contains("8", error.Message);
        Assert.Contains("9", error.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => streams.ResetState(4));
        Assert.Contains("3", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => streams.GetState(-1, new double[5]));
        Assert.Throws<ArgumentException>(() => streams.GetState(0, new double[4]));
        Assert.Throws<ArgumentException>(() => streams.SetState(0, new double[6]));
    }

    [Fact]
    public void Step_allocates_nothing()
    {
        var gru = new GruSingle();
        var lstm = new StackedLstmDenseNet();
        GruSingle.Streams gruStreams = gru.CreateStreams(33);
        GruSingle.Streams fewStreams = gru.CreateStreams(3);   // one Step per stream
        StackedLstmDenseNet.Streams lstmStreams = lstm.CreateStreams(17);
        var gruIn = new float[33];
        var gruOut = new float[33];
        var lstmIn = new double[17 * 2];
        var lstmOut = new double[17 * 3];
        var state = new double[StackedLstmDenseNet.StateLength];

        void Run()
        {
            for (int i = 0; i < 50; i++)
            {
                gruStreams.Step(gruIn, gruOut);
                fewStreams.Step(gruIn.AsSpan(0, 3), gruOut.AsSpan(0, 3));
                lstmStreams.Step(lstmIn, lstmOut);
                lstmStreams.GetState(3, state);
                lstmStreams.SetState(4, state);
                lstmStreams.ResetState(5);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    private static (ISequenceNetwork<double> Network, Func<int, ISequenceStreams<double>> Create) Double(string name) => name switch
    {
        nameof(RnnNet) => With(new RnnNet(), (n, c) => n.CreateStreams(c)),
        nameof(GruNet) => With(new GruNet(), (n, c) => n.CreateStreams(c)),
        nameof(LstmNet) => With(new LstmNet(), (n, c) => n.CreateStreams(c)),
        nameof(StackedGruNet) => With(new StackedGruNet(), (n, c) => n.CreateStreams(c)),
        nameof(StackedLstmDenseNet) => With(new StackedLstmDenseNet(), (n, c) => n.CreateStreams(c)),
        nameof(StackedRnnDenseNet) => With(new StackedRnnDenseNet(), (n, c) => n.CreateStreams(c)),
        nameof(GruDenseNet) => With(new GruDenseNet(), (n, c) => n.CreateStreams(c)),
        _ => throw new ArgumentException(name),
    };

    private static (ISequenceNetwork<double>, Func<int, ISequenceStreams<double>>) With<TNet>(TNet network, Func<TNet, int, ISequenceStreams<double>> create)
        where TNet : ISequenceNetwork<double> => (network, count => create(network, count));

    private static double[] State(ISequenceStreams<double> streams, int stream)
    {
        var state = new double[streams.StateLength];
        streams.GetState(stream, state);
        return state;
    }

    // A random start state per stream and Steps × count input rows (step-major, then stream).
    internal static (T[][] Starts, T[] Inputs) StartsAndInputs<T>(ISequenceNetwork<T> network, int count, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T Next(double scale) => T.CreateChecked(scale * ((2 * random.NextDouble()) - 1));
        T[][] starts = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, network.StateLength).Select(_ => Next(0.8)).ToArray()).ToArray();
        T[] inputs = Enumerable.Range(0, Steps * count * network.InputCount).Select(_ => Next(1)).ToArray();
        return (starts, inputs);
    }

    internal static T[] RunStreams<T>(ISequenceStreams<T> streams, T[] inputs, int steps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int inRow = streams.Count * streams.InputCount, outRow = streams.Count * streams.OutputCount;
        var outputs = new T[steps * outRow];
        for (int t = 0; t < steps; t++)
        {
            streams.Step(inputs.AsSpan(t * inRow, inRow), outputs.AsSpan(t * outRow, outRow));
        }

        return outputs;
    }

    // One stream's rows out of step-major [step, stream, width] data.
    internal static T[] StreamRows<T>(T[] data, int stream, int count, int width, int steps)
    {
        var rows = new T[steps * width];
        for (int t = 0; t < steps; t++)
        {
            data.AsSpan((((t * count) + stream) * width), width).CopyTo(rows.AsSpan(t * width));
        }

        return rows;
    }

    private static void Randomize(Span<double> values, int seed, double scale)
    {
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = scale * ((2 * random.NextDouble()) - 1);
        }
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
