using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using GenNet.Data;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>What a file supplies reaches messages only as a short, printable excerpt; sizes it supplies are checked;
/// NaN and infinite weights are refused by default.</summary>
public sealed class FileContentsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    // A format 2.0 .npy file whose header is the given text (up to a megabyte).
    private static byte[] NpyWithHeader(string header)
    {
        byte[] text = Encoding.Latin1.GetBytes(header);
        var bytes = new byte[12 + text.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)text.Length);
        text.CopyTo(bytes, 12);
        return bytes;
    }

    [Fact]
    public void A_huge_npy_header_with_escape_sequences_is_quoted_short_and_printable()
    {
        string hostile = "{'descr': '<f8', 'shape': (2,), \u001b[2J\u001b[31m" + new string('A', 1_000_000) + "}";
        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream(NpyWithHeader(hostile))));

        Assert.True(error.Message.Length < 600, $"the message has {error.Message.Length} characters");
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\x1b[2J", error.Message);
        Assert.Contains("more characters)", error.Message);
        Assert.All(error.Message, c => Assert.False(char.IsControl(c), $"control character U+{(int)c:X4} in the message"));
    }

    [Fact]
    public void A_hostile_type_descriptor_is_quoted_short_and_printable()
    {
        string hostile = "{'descr': '<" + new string('\u0007', 5000) + "', 'fortran_order': False, 'shape': (2,), }";
        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream(NpyWithHeader(hostile))));
        Assert.True(error.Message.Length < 600, $"the message has {error.Message.Length} characters");
        Assert.All(error.Message, c => Assert.False(char.IsControl(c), $"control character U+{(int)c:X4} in the message"));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NaN_and_infinite_npy_weights_are_refused_by_default_naming_where_and_load_when_allowed(double bad, string shown)
    {
        var network = new BlogNet();
        network.InitializeWeights(1);
        double[] before = network.Parameters.ToArray();
        double[] synapse0 = before[..12];
        synapse0[6] = bad; // row 1, column 2 of (3, 4)
        NpyArray[] arrays = [new NpyArray([3, 4], synapse0), new NpyArray([4, 1], before[12..])];

        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.LoadArrays(network, arrays, ["'s0.npy'", "'s1.npy'"]));
        Assert.Equal($"'s0.npy' holds {shown} at row 1, column 2; NaN and infinite weights are refused (WeightLoadOptions.AllowNonFinite loads them).", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        NumpyWeights.LoadArrays(network, arrays, null, new WeightLoadOptions { AllowNonFinite = true });
        Assert.Equal(bad, network.Parameters[6]);
    }

    [Fact]
    public void A_float64_weight_too_large_for_a_float_network_is_refused_as_infinite()
    {
        var network = new BlogNetSingle();
        double[] values = new double[12];
        values[11] = 1e300;
        var error = Assert.Throws<InvalidDataException>(
            () => NumpyWeights.LoadArrays(network, [new NpyArray([3, 4], values), new NpyArray([4, 1], new double[4])]));
        Assert.Contains("1E+300, which is infinite as a Single,", error.Message);
        Assert.Contains("row 2, column 3", error.Message);
    }

    [Fact]
    public void NaN_weights_in_a_saved_folder_are_refused_by_Load()
    {
        var network = new BlogNet();
        network.InitializeWeights(1);
        network.Parameters[3] = double.NaN;
        NumpyWeights.Save(network, _folder.Path);

        var copy = new BlogNet();
        Assert.Contains("NaN", Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(copy, _folder.Path)).Message);
        NumpyWeights.Load(copy, _folder.Path, "synapse_", new WeightLoadOptions { AllowNonFinite = true });
        Assert.True(double.IsNaN(copy.Parameters[3]));
    }

    [Fact]
    public void IdxArray_ItemLength_is_checked_for_shape_0_by_two_int_max_dimensions()
    {
        var bytes = new byte[16];
        bytes[2] = 0x08;
        bytes[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), int.MaxValue);
        IdxArray array = IdxFile.Read(new MemoryStream(bytes));

        Assert.Equal(0, array.ItemCount);
        var error = Assert.Throws<OverflowException>(() => array.ItemLength);
        Assert.Contains("2147483647 × 2147483647", error.Message);
    }

    [Fact]
    public void The_folder_is_flushed_after_a_rename_where_the_platform_allows()
    {
        bool unix = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();
        Assert.Equal(unix, AtomicFile.SyncDirectory(_folder.Path));
        Assert.False(AtomicFile.SyncDirectory(Path.Combine(_folder.Path, "missing")));
    }
}
