using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using GenNet.Onnx.Protobuf;
using GenNet.Persistence;
using Xunit;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Hostile ONNX dimensions (issue 14): dimensions are checked as positive ints whose product, computed without
/// wrapping, is the tensor's number of values; NaN and infinite weights are refused by default; the exporter copies the
/// weights under the training lock.
/// </summary>
public sealed class OnnxHardeningTests
{
    // MatMul → Sigmoid → MatMul → Sigmoid, as the blog's 3-4-1 network (BlogNet), with the given weight tensors.
    private static byte[] Model((long[] Dims, float[] Values) first, (long[] Dims, float[] Values) second, ProtoWriter? unused = null)
    {
        var graph = new ProtoWriter();
        if (unused is not null)
        {
            graph.Message(GraphProto.Initializer, unused);
        }

        graph.Message(GraphProto.Initializer, Tensor("w0", first.Dims, first.Values));
        graph.Message(GraphProto.Initializer, Tensor("w1", second.Dims, second.Values));
        graph.Message(GraphProto.Node, Node("MatMul", ["x", "w0"], "m0"));
        graph.Message(GraphProto.Node, Node("Sigmoid", ["m0"], "h"));
        graph.Message(GraphProto.Node, Node("MatMul", ["h", "w1"], "m1"));
        graph.Message(GraphProto.Node, Node("Sigmoid", ["m1"], "y"));
        graph.Message(GraphProto.Input, new ProtoWriter().String(ValueInfoProto.Name, "x"));
        graph.Message(GraphProto.Output, new ProtoWriter().String(ValueInfoProto.Name, "y"));
        return new ProtoWriter().Int64(ModelProto.IrVersion, 8).Message(ModelProto.Graph, graph).ToArray();
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Int64(TensorProto.Dims, dim);
        }

        return tensor.Int64(TensorProto.DataType, TensorProto.Float).String(TensorProto.Name, name)
            .Bytes(TensorProto.RawData, MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static ProtoWriter Node(string type, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(NodeProto.Input, input);
        }

        return node.String(NodeProto.Output, output).String(NodeProto.OpType, type);
    }

    private static float[] Sequence(int count) => Enumerable.Range(1, count).Select(i => i / 16f).ToArray();

    private static BlogNet Seeded()
    {
        var network = new BlogNet();
        network.InitializeWeights(1);
        return network;
    }

    [Fact]
    public void Initializers_no_layer_uses_are_never_decoded()
    {
        // Declares a million values and holds 3: decoding it would refuse the model (and a real one this size would
        // cost its memory); no layer reads it, so the model loads.
        BlogNet network = Seeded();
        OnnxModel.Load(network, Model(([3, 4], Sequence(12)), ([4, 1], Sequence(4)), Tensor("unused", [1000, 1000], Sequence(3))));
        Assert.Equal([.. Sequence(12).Select(v => (double)v), .. Sequence(4).Select(v => (double)v)], network.Parameters.ToArray());
    }

    [Fact]
    public void A_used_tensor_larger_than_the_whole_network_is_refused_before_it_is_decoded()
    {
        BlogNet network = Seeded();
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, Model(([3, 4000], Sequence(12)), ([4, 1], Sequence(4)))));
        Assert.Contains("tensor 'w0' has shape [3, 4000], 12000 values; the network has 16 parameters in all", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_file_far_larger_than_the_network_is_refused_unread()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gennet-huge-{Guid.NewGuid():N}.onnx");
        try
        {
            long size = OnnxModel.MaxModelBytes(BlogNet.ParameterCount) + 1;
            using (var file = new FileStream(path, FileMode.CreateNew))
            {
                file.SetLength(size); // sparse: nothing is written
            }

            BlogNet network = Seeded();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            Assert.Contains($"is {size:N0} bytes; a model for a network of 16 parameters is refused above", error.Message);
            Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes were allocated refusing it");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_stream_longer_than_any_model_of_the_network_is_refused_after_reading_at_most_the_limit()
    {
        BlogNet network = Seeded();
        double[] before = network.Parameters.ToArray();
        long limit = OnnxModel.MaxModelBytes(BlogNet.ParameterCount);
        var endless = new CountingZeros();
        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, endless));
        Assert.Contains($"holds more than {limit:N0} bytes", error.Message);
        Assert.InRange(endless.Consumed, limit + 1, limit + (1 << 17));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_model_loads_from_a_stream_as_from_its_bytes()
    {
        BlogNet network = Seeded();
        OnnxModel.Load(network, new MemoryStream(Model(([3, 4], Sequence(12)), ([4, 1], Sequence(4)))));
        Assert.Equal([.. Sequence(12).Select(v => (double)v), .. Sequence(4).Select(v => (double)v)], network.Parameters.ToArray());
    }

    /// <summary>A stream of zeros that never ends, counting what was read from it.</summary>
    private sealed class CountingZeros : Stream
    {
        public long Consumed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Consumed; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Consumed += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_well_formed_model_loads()
    {
        BlogNet network = Seeded();
        OnnxModel.Load(network, Model(([3, 4], Sequence(12)), ([4, 1], Sequence(4))));
        Assert.Equal([.. Sequence(12).Select(v => (double)v), .. Sequence(4).Select(v => (double)v)], network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(281470681808896L, 65537L, 65536, "dimension must be 0 to 2147483647")]  // the product wraps to 65,536 in a long
    [InlineData(4611686005542486019L, 17179869188L, 12, "dimension must be 0 to 2147483647")] // (int) casts gave 3 × 4
    [InlineData(3L, 4294967300L, 12, "dimension must be 0 to 2147483647")]
    [InlineData(-3L, -4L, 12, "dimension must be 0 to 2147483647")]
    [InlineData(0L, 4L, 0, "must be positive")]
    [InlineData(65536L, 65536L, 16, "more than 2147483647 values")]
    [InlineData(3L, 5L, 12, "15 values; it holds 12")]
    public void Dimensions_that_overflow_truncate_or_disagree_with_the_values_are_refused_and_the_weights_stay(long rows, long columns, int values, string expected)
    {
        BlogNet network = Seeded();
        double[] before = network.Parameters.ToArray();
        byte[] model = Model(([rows, columns], Sequence(values)), ([4, 1], Sequence(4)));

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, model));

        Assert.Contains(expected, error.Message);
        Assert.Contains("'w0'", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void NaN_and_infinite_weights_are_refused_by_default_and_load_when_allowed(float bad, string shown)
    {
        float[] weights = Sequence(12);
        weights[6] = bad; // input 1, output 2
        byte[] model = Model(([3, 4], weights), ([4, 1], Sequence(4)));
        BlogNet network = Seeded();
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, model));
        Assert.Contains($"'w0' holds {shown} at input 1, output 2", error.Message);
        Assert.Contains("AllowNonFinite", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        OnnxModel.Load(network, model, new WeightLoadOptions { AllowNonFinite = true });
        Assert.Equal((double)bad, network.Parameters[6]);
    }

    [Fact]
    public void The_exporter_waits_for_the_step_that_holds_the_lock_and_exports_all_of_it()
    {
        BlogNet network = Seeded();
        byte[]? exported = null;
        var exporter = new Thread(() => exported = OnnxModel.ToBytes(network));
        Monitor.Enter(network);
        try
        {
            network.Parameters[..6].Fill(0.25);
            exporter.Start();
            Assert.False(exporter.Join(300), "the export finished while a step held the lock");
            network.Parameters[6..].Fill(0.5);
        }
        finally
        {
            Monitor.Exit(network);
        }

        exporter.Join();
        var copy = new BlogNet();
        OnnxModel.Load(copy, exported!);
        Assert.Equal([.. Enumerable.Repeat(0.25, 6), .. Enumerable.Repeat(0.5, 10)], copy.Parameters.ToArray());
    }
}
