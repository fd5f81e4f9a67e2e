using System;
using System.IO;
using GenNet;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>Streaming, state, argument checks, initialisation, weight files and allocation of sequence networks.</summary>
public sealed class SequenceNetworkTests
{
    [Fact]
    public void Step_by_step_equals_PredictSequence_and_a_saved_state_resumes_the_stream()
    {
        (ISequenceNetwork<double> network, double[] inputs, _) = SequenceGradientTests.Setup(nameof(StackedLstmDenseNet), steps: 8);
        double[] start = network.State.ToArray();
        var whole = new double[8 * network.OutputCount];
        network.PredictSequence(inputs, whole);
        double[] end = network.State.ToArray();

        network.State.Clear();
        start.CopyTo(network.State);
        var output = new double[network.OutputCount];
        double[] middle = Array.Empty<double>();
        for (int t = 0; t < 8; t++)
        {
            if (t == 4)
            {
                middle = network.State.ToArray();
            }

            network.Step(inputs.AsSpan(t * network.InputCount, network.InputCount), output);
            Assert.Equal(whole.AsSpan(t * network.OutputCount, network.OutputCount).ToArray(), output);
        }

        Assert.Equal(end, network.State.ToArray());

        // Restore the position after four samples and replay the rest: the same outputs.
        middle.CopyTo(network.State);
        var rest = new double[4 * network.OutputCount];
        network.PredictSequence(inputs.AsSpan(4 * network.InputCount), rest);
        Assert.Equal(whole.AsSpan(4 * network.OutputCount).ToArray(), rest);

        network.ResetState();
        Assert.All(network.State.ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(2 * (3 + 4), network.StateLength);   // LSTM 3 and 4: h and c of each
    }

    [Fact]
    public void Arguments_are_checked_with_expected_and_actual_sizes()
    {
        var network = new GruNet();
        var error = Assert.Throws<ArgumentException>(() => network.Step(new double[2], new double[2]));
        Assert.Contains("3", error.Message);
        Assert.Contains("2", error.Message);
        Assert.Throws<ArgumentException>(() => network.Step(new double[3], new double[1]));
        Assert.Throws<ArgumentException>(() => network.PredictSequence(new double[7], new double[4]));
        Assert.Throws<ArgumentException>(() => network.PredictSequence(new double[6], new double[6]));
        Assert.Throws<ArgumentException>(() => network.ComputeSequenceGradient(new double[6], new double[4], new double[3]));
        Assert.Throws<ArgumentException>(() => network.ComputeSequenceGradient(new double[6], new double[4], new double[GruNet.ParameterCount - 1]));
        Assert.Throws<ArgumentException>(() => network.TrainSequence(new double[] { 0, double.NaN, 0 }, new double[2], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainSequence(new double[3], new double[2], -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.ComputeSequenceGradient(new double[3], new double[2], new double[GruNet.ParameterCount], truncateAfter: -1));

        // One row on its own means nothing to a recurrent network: INetwork's Predict says what to use instead.
        INetwork<double> asNetwork = network;
        var notSupported = Assert.Throws<NotSupportedException>(() => asNetwork.Predict(new double[3], new double[2]));
        Assert.Contains("Step", notSupported.Message);
    }

    [Fact]
    public void Initialization_is_deterministic_and_uses_one_over_root_units_for_recurrent_layers()
    {
        var a = new StackedRnnDenseNet();
        var b = new StackedRnnDenseNet();
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());   // both from seed 0
        a.InitializeWeights(3);
        Assert.NotEqual(a.Parameters.ToArray(), b.Parameters.ToArray());
        b.InitializeWeights(3);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());

        RecurrentLayout stack = StackedRnnDenseNet.Architecture.Recurrent!;
        Assert.Equal(RecurrentCell.Rnn, stack.Cell);
        foreach (RecurrentLayerLayout layer in stack.Layers)
        {
            double limit = 1 / Math.Sqrt(layer.Units);
            ReadOnlySpan<double> values = a.Parameters.Slice(layer.InputWeightOffset, layer.Count);
            Assert.All(values.ToArray(), v => Assert.InRange(v, -limit, limit));
            Assert.Contains(values.ToArray(), v => Math.Abs(v) > 0.8 * limit);
        }

        // The dense layers after the stack: Xavier, biases zero.
        SynapseLayout dense = StackedRnnDenseNet.Architecture.Layout.Synapses[0];
        Assert.Equal(stack.ParameterCount, dense.WeightOffset);
        Assert.All(a.Parameters.Slice(dense.BiasOffset, dense.Columns).ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(StackedRnnDenseNet.ParameterCount, StackedRnnDenseNet.Architecture.ParameterCount);
    }

    [Fact]
    public void Architecture_names_the_cells_and_lays_out_ONNX_gate_blocks()
    {
        NetworkArchitecture architecture = LstmNet.Architecture;
        Assert.Equal(new[] { 2, 5, 1 }, architecture.LayerSizes);
        Assert.Equal("GenNet.RecurrentCell.Lstm", architecture.Activations[0]);
        RecurrentLayerLayout layer = architecture.Recurrent!.Layers[0];
        Assert.Equal((0, 2 * 20, (2 + 5) * 20, ((2 + 5) * 20) + 20), (layer.InputWeightOffset, layer.RecurrentWeightOffset, layer.InputBiasOffset, layer.RecurrentBiasOffset));
        Assert.Equal(((2 + 5 + 2) * 20) + 5 + 1, LstmNet.ParameterCount);
        Assert.NotEqual(GruNet.Architecture, LstmNet.Architecture);
        Assert.Null(Tests.Networks.Net3x4x1.Architecture.Recurrent);
    }

    [Fact]
    public void Weight_files_round_trip_and_refuse_another_cell_or_a_dense_network()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("gru.gnw");
        var saved = new GruDenseNet();
        saved.InitializeWeights(11);
        WeightFile.Save(saved, path);

        var loaded = new GruDenseNet();
        WeightFile.Load(loaded, path);
        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(GruDenseNet.Architecture, WeightFile.LoadArchitecture(path));

        // Same sizes, another cell kind: refused, weights untouched.
        string rnnPath = directory.File("rnn.gnw");
        WeightFile.Save(new StackedRnnDenseNet(), rnnPath);
        var gru = new GruNet();
        double[] before = gru.Parameters.ToArray();
        Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(gru, path));
        Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new StackedGruNet(), path));
        Assert.Equal(before, gru.Parameters.ToArray());

        string densePath = directory.File("dense.gnw");
        WeightFile.Save(new Tests.Networks.Net3x4x1(), densePath);
        Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(gru, densePath));
        Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new Tests.Networks.Net3x4x1(), path));
    }

    [Fact]
    public void Formats_without_recurrent_layers_refuse_a_recurrent_network_clearly()
    {
        // ONNX export and import take RNN/GRU/LSTM operators (checked in ONNX Runtime in GenNet.Onnx.Tests); the
        // synapse-per-array numpy formats do not take recurrent layers yet, and a dense model does not fit a recurrent net.
        var network = new GruNet();
        byte[] denseModel = GenNet.Persistence.OnnxModel.ToBytes(new Tests.Networks.Net3x4x1());
        using var directory = new TemporaryDirectory();

        Assert.Contains("recurrent", Assert.Throws<GenNet.Persistence.ArchitectureMismatchException>(() => GenNet.Persistence.OnnxModel.Load(network, denseModel)).Message);
        Assert.Contains("recurrent", Assert.Throws<NotSupportedException>(() => GenNet.Persistence.NumpyWeights.Save(network, directory.Path)).Message);
        Assert.Contains("recurrent", Assert.Throws<NotSupportedException>(() => GenNet.Persistence.NumpyWeights.Load(network, directory.Path)).Message);
    }

    [Fact]
    public void TrainSequence_lowers_the_loss_on_a_memory_task()
    {
        // Output the input of the previous step: impossible without the state.
        var network = new GruSingle();
        network.InitializeWeights(2);
        var random = new NumpyRandom(9);
        const int steps = 20;
        var inputs = new float[steps];
        var targets = new float[steps];
        for (int t = 0; t < steps; t++)
        {
            inputs[t] = (float)((2 * random.NextDouble()) - 1);
            targets[t] = t == 0 ? 0 : inputs[t - 1];
        }

        float first = network.TrainSequence(inputs, targets, 0.2f);
        float last = first;
        for (int epoch = 0; epoch < 1500; epoch++)
        {
            last = network.TrainSequence(inputs, targets, 0.2f);
        }

        Assert.True(last < first / 10, $"loss {first} → {last}");
    }

    public static TheoryData<string> FloatNetworks => new() { nameof(GruSingle), nameof(LstmSingle), nameof(LstmSingle32), nameof(StackedGruSingle) };

    // The float networks stream through the fused cells (RecurrentCells): against the textbook cells in double, step by
    // step from the state the network left, and Step against PredictSequence bit for bit.
    [Theory]
    [MemberData(nameof(FloatNetworks))]
    public void Float_Step_matches_the_textbook_cells_and_PredictSequence(string name)
    {
        ISequenceNetwork<float> network = name switch
        {
            nameof(GruSingle) => new GruSingle(),
            nameof(LstmSingle) => new LstmSingle(),
            nameof(LstmSingle32) => new LstmSingle32(),
            _ => new StackedGruSingle(),
        };
        network.InitializeWeights(2);
        const int steps = 40;
        var random = new NumpyRandom(11);
        var inputs = new float[steps * network.InputCount];
        random.FillSymmetricUniform(inputs);
        double[] parameters = Array.ConvertAll(network.Parameters.ToArray(), v => (double)v);
        var outputs = new float[steps * network.OutputCount];
        var output = new float[network.OutputCount];
        for (int t = 0; t < steps; t++)
        {
            double[] state = Array.ConvertAll(network.State.ToArray(), v => (double)v);
            double[] x = Array.ConvertAll(inputs.AsSpan(t * network.InputCount, network.InputCount).ToArray(), v => (double)v);
            double[] expected = SequenceReference.Predict(network.Architecture, parameters, state, x);
            network.Step(inputs.AsSpan(t * network.InputCount, network.InputCount), output);
            output.CopyTo(outputs, t * network.OutputCount);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.True(Math.Abs(expected[j] - output[j]) <= 2e-6, $"step {t}, output {j}: expected {expected[j]}, got {output[j]}");
            }
        }

        float[] end = network.State.ToArray();
        network.ResetState();
        var whole = new float[outputs.Length];
        network.PredictSequence(inputs, whole);
        Assert.Equal(outputs, whole);
        Assert.Equal(end, network.State.ToArray());
    }

    [Fact]
    public void Step_and_TrainSequence_allocate_nothing_once_warm()
    {
        var gru = new GruSingle();
        var lstm = new LstmSingle();
        var lstm32 = new LstmSingle32();
        var stacked = new StackedLstmDenseNet();
        var input = new float[1];
        var output = new float[1];
        var sequence = new float[32];
        var targets = new float[32];
        (double[] x, double[] y) = TestData.Batch(2, 3, rows: 16, seed: 1);
        for (int t = 0; t < 16; t++)
        {
            double sum = y[3 * t] + y[(3 * t) + 1] + y[(3 * t) + 2];
            for (int j = 0; j < 3; j++) { y[(3 * t) + j] /= sum; }
        }

        var outputs = new double[y.Length];

        void Run()
        {
            for (int i = 0; i < 1000; i++)
            {
                gru.Step(input, output);
                lstm.Step(input, output);
                lstm32.Step(input, output);
            }

            for (int i = 0; i < 5; i++)
            {
                gru.TrainSequence(sequence, targets, 0.01f);
                lstm.TrainSequence(sequence, targets, 0.01f, truncateAfter: 8);
                stacked.TrainSequence(x, y, 0.01);
                stacked.PredictSequence(x, outputs);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run)); // after a warm-up run that also grows the first training history
    }
}
