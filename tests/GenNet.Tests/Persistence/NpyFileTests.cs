using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Persistence;

// The fixtures were written by numpy 1.24 (Reference/numpy/make_fixtures.py); the expected values are the script's.
public sealed class NpyFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Reference", "numpy", name);

    [Fact]
    public void Reads_every_layout_numpy_writes()
    {
        AssertArray(NpyFile.Read(Fixture("float32_3x2.npy")), [3, 2], [0, 0.25, 0.5, 0.75, 1, 1.25], "<f4");
        AssertArray(NpyFile.Read(Fixture("fortran_3x2.npy")), [3, 2], [0, 1, 2, 3, 4, 5], "<f8");
        AssertArray(NpyFile.Read(Fixture("bigendian_2x3.npy")), [2, 3], [0, 1, 2, 3, 4, 5], ">f8");
        AssertArray(NpyFile.Read(Fixture("version2_2x2.npy")), [2, 2], [1.5, -2.5, 3.25, 4e-300], "<f8");
        AssertArray(NpyFile.Read(Fixture("vector_4.npy")), [4], [0.5, -1.0, 2.0, 1e10], "<f8");
        AssertArray(NpyFile.Read(Fixture("scalar.npy")), [], [7.0], "<f8");
        Assert.Equal("(4,)", NpyFile.Read(Fixture("vector_4.npy")).ShapeText);
    }

    [Fact]
    public void Writes_what_np_save_writes_byte_for_byte()
    {
        // np.save("vector_4.npy", np.array([0.5, -1.0, 2.0, 1e10]))
        string path = _folder.File("vector.npy");
        NpyFile.Write<double>(path, [0.5, -1.0, 2.0, 1e10], [4]);
        Assert.Equal(File.ReadAllBytes(Fixture("vector_4.npy")), File.ReadAllBytes(path));

        // np.save("float32_3x2.npy", np.arange(6, dtype=np.float32).reshape(3, 2) / 4)
        NpyFile.Write<float>(path, [0, 0.25f, 0.5f, 0.75f, 1, 1.25f], [3, 2]);
        Assert.Equal(File.ReadAllBytes(Fixture("float32_3x2.npy")), File.ReadAllBytes(path));
    }

    [Fact]
    public void Other_data_types_are_refused_with_the_remedy()
    {
        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(Fixture("int64_2x2.npy")));
        Assert.Contains("'<i8'", error.Message);
        Assert.Contains("astype(np.float64)", error.Message);
    }

    [Fact]
    public void Damaged_files_are_refused()
    {
        byte[] good = File.ReadAllBytes(Fixture("vector_4.npy"));

        // Every truncation, in the header or in the data.
        for (int length = 0; length < good.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream(good, 0, length)));
        }

        Assert.Contains("not a .npy file", Refused([.. "PK\u0003\u0004"u8, .. good[4..]]));
        Assert.Contains("format version 9.0", Refused([.. good[..6], 9, 0, .. good[8..]]));
        Assert.Contains("damaged .npy header", Refused(WithHeader(good, "{'descr': '<f8', 'fortran_order': False, }")));
        Assert.Contains("unexpected key 'dtype'", Refused(WithHeader(good, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), 'dtype': 1}")));
        Assert.Contains("expected a dimension", Refused(WithHeader(good, "{'descr': '<f8', 'fortran_order': False, 'shape': (-4,), }")));
        Assert.Contains("expected True or False", Refused(WithHeader(good, "{'descr': '<f8', 'fortran_order': 0, 'shape': (4,), }")));

        string path = _folder.File("long.npy");
        File.WriteAllBytes(path, [.. good, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Contains("8 bytes follow the array's data", Assert.Throws<InvalidDataException>(() => NpyFile.Read(path)).Message);

        static string Refused(byte[] bytes) => Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream(bytes))).Message;
    }

    // Replaces the header dict of a version 1.0 file, keeping its data.
    private static byte[] WithHeader(byte[] file, string dict)
    {
        int oldLength = file[8] | (file[9] << 8);
        string padded = dict.PadRight(oldLength - 1) + "\n";
        byte[] header = System.Text.Encoding.ASCII.GetBytes(padded);
        return [.. file[..8], (byte)header.Length, (byte)(header.Length >> 8), .. header, .. file[(10 + oldLength)..]];
    }

    private static void AssertArray(NpyArray array, int[] shape, double[] values, string dataType)
    {
        Assert.Equal(shape, array.Shape);
        Assert.Equal(values, array.Values.ToArray());
        Assert.Equal(dataType, array.DataType);
    }
}
