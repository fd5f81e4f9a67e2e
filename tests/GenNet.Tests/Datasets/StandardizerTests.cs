using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using GenNet.Data;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Datasets;

public sealed class StandardizerTests
{
    // Three rows of three columns: column 0 varies, column 1 is constant, column 2 has mean 0.
    private static readonly double[] Rows =
    [
        1, 10, -1,
        2, 10, 0.5,
        6, 10, 0.5,
    ];

    [Fact]
    public void Fit_measures_the_mean_and_population_standard_deviation_of_each_column()
    {
        Standardizer scaler = Standardizer.Fit<double>(Rows, 3);

        // By hand: column 0 has mean 9/3 = 3 and squared deviations 4 + 1 + 9 = 14; column 2 has mean 0 and 1 + ¼ + ¼.
        Assert.Equal(3, scaler.Columns);
        Assert.Equal([3.0, 10.0, 0.0], scaler.Mean.ToArray());
        Assert.Equal([Math.Sqrt(14.0 / 3), 1.0, Math.Sqrt(0.5)], scaler.Scale.ToArray());
    }

    [Fact]
    public void Transform_subtracts_the_mean_and_divides_by_the_deviation_and_only_centres_a_constant_column()
    {
        Standardizer scaler = Standardizer.Fit<double>(Rows, 3);
        double[] rows = [.. Rows];

        scaler.Transform<double>(rows);

        double s0 = Math.Sqrt(14.0 / 3), s2 = Math.Sqrt(0.5);
        Assert.Equal([-2 / s0, 0, -1 / s2, -1 / s0, 0, 0.5 / s2, 3 / s0, 0, 0.5 / s2], rows);

        // Rows it was not fitted on are scaled with the training statistics, not their own.
        Assert.Equal([(4 - 3) / s0, 12 - 10.0, (2 - 0) / s2], scaler.Transformed<double>([4, 12, 2]));
    }

    [Fact]
    public void Float_rows_are_scaled_in_double_and_rounded_once()
    {
        float[] rows = [1, 10, -1, 2, 10, 0.5f, 6, 10, 0.5f];
        Standardizer scaler = Standardizer.Fit<float>(rows, 3);
        var destination = new float[rows.Length];

        scaler.Transform<float>(rows, destination);

        Assert.Equal((float)(-2 / Math.Sqrt(14.0 / 3)), destination[0]);
        Assert.Equal((float)(3 / Math.Sqrt(14.0 / 3)), destination[6]);
        Assert.Equal([1f, 10, -1], rows[..3]); // the source is untouched
    }

    [Fact]
    public void Standardised_training_columns_have_mean_zero_and_deviation_one()
    {
        var random = new Random(7);
        const int columns = 5, count = 200;
        var rows = new double[count * columns];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = ((i % columns) * 100) + ((random.NextDouble() - 0.5) * (1 + (i % columns)));
        }

        Standardizer.Fit<double>(rows, columns).Transform<double>(rows);

        for (int column = 0; column < columns; column++)
        {
            double sum = 0, squares = 0;
            for (int row = 0; row < count; row++)
            {
                sum += rows[(row * columns) + column];
                squares += rows[(row * columns) + column] * rows[(row * columns) + column];
            }

            Assert.Equal(0, sum / count, 1e-12);
            Assert.Equal(1, squares / count, 1e-12);
        }
    }

    [Fact]
    public void Sizes_are_checked_naming_the_expected_and_actual_counts()
    {
        var fit = Assert.Throws<ArgumentException>(() => Standardizer.Fit<double>(new double[7], 3));
        Assert.Equal("rows", fit.ParamName);
        Assert.Contains("whole rows of 3 values; it holds 7", fit.Message);
        Assert.Throws<ArgumentException>(() => Standardizer.Fit<double>([], 3));

        Standardizer scaler = Standardizer.Fit<double>(Rows, 3);
        var rows = Assert.Throws<ArgumentException>(() => scaler.Transform<double>(new double[4]));
        Assert.Contains("whole rows of 3 values", rows.Message);
        Assert.Contains("it holds 4", rows.Message);

        var destination = Assert.Throws<ArgumentException>(() => scaler.Transform<double>(new double[6], new double[5]));
        Assert.Equal("destination", destination.ParamName);
        Assert.Contains("as many values as source (6); it holds 5", destination.Message);
    }

    [Fact]
    public void A_non_finite_training_value_is_refused_naming_its_row_and_column()
    {
        double[] rows = [.. Rows];
        rows[5] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() => Standardizer.Fit<double>(rows, 3));

        Assert.Contains("row 1, column 2 is NaN", error.Message);
    }

    [Fact]
    public void Save_and_load_round_trip_bit_exactly()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("scaler" + Standardizer.Extension);
        var random = new Random(3);
        var rows = new float[40 * 4];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)(random.NextDouble() * 10);
        }

        Standardizer scaler = Standardizer.Fit<float>(rows, 4);
        scaler.Save(path);
        Standardizer loaded = Standardizer.Load(path);

        Assert.Equal(scaler.Columns, loaded.Columns);
        for (int column = 0; column < 4; column++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(scaler.Mean[column]), BitConverter.DoubleToInt64Bits(loaded.Mean[column]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(scaler.Scale[column]), BitConverter.DoubleToInt64Bits(loaded.Scale[column]));
        }

        Assert.Equal(scaler.Transformed<float>(rows), loaded.Transformed<float>(rows));

        // Saving again replaces the file with the same bytes.
        byte[] first = File.ReadAllBytes(path);
        loaded.Save(path);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path)); // no temporary file left behind
    }

    [Fact]
    public void Stream_records_follow_each_other()
    {
        Standardizer a = Standardizer.Fit<double>(Rows, 3);
        Standardizer b = Standardizer.Fit<double>([1, 2, 3, 5], 1);
        using var stream = new MemoryStream();
        a.Save(stream);
        b.Save(stream);
        stream.WriteByte(42);
        stream.Position = 0;

        Assert.Equal(a.Scale.ToArray(), Standardizer.Load(stream).Scale.ToArray());
        Assert.Equal(b.Mean.ToArray(), Standardizer.Load(stream).Mean.ToArray());
        Assert.Equal(42, stream.ReadByte());
    }

    [Fact]
    public void Every_damaged_byte_truncation_or_extra_byte_is_refused()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("scaler.gns");
        Standardizer.Fit<double>(Rows, 3).Save(path);
        byte[] good = File.ReadAllBytes(path);
        Assert.Equal(16 + (3 * 16) + 4, good.Length);

        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = [.. good];
            bad[i] ^= 0x10;
            File.WriteAllBytes(path, bad);
            Assert.Throws<InvalidDataException>(() => Standardizer.Load(path));
        }

        for (int length = 0; length < good.Length; length++)
        {
            File.WriteAllBytes(path, good[..length]);
            var error = Assert.Throws<InvalidDataException>(() => Standardizer.Load(path));
            Assert.Contains("is truncated", error.Message);
        }

        File.WriteAllBytes(path, [.. good, 0]);
        Assert.Contains("1 bytes follow the end", Assert.Throws<InvalidDataException>(() => Standardizer.Load(path)).Message);

        byte[] weights = [.. good];
        weights[3] = (byte)'W'; // a weight file's signature
        File.WriteAllBytes(path, weights);
        Assert.Contains("is not a GenNet standardizer file", Assert.Throws<InvalidDataException>(() => Standardizer.Load(path)).Message);
    }

    [Fact]
    public void A_newer_version_and_an_absurd_column_count_are_refused_before_anything_is_allocated()
    {
        byte[] good;
        using (var stream = new MemoryStream())
        {
            Standardizer.Fit<double>(Rows, 3).Save(stream);
            good = stream.ToArray();
        }

        byte[] newer = WithChecksum(good, bytes => BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2));
        Assert.Contains("format version 2", Assert.Throws<InvalidDataException>(() => Standardizer.Load(new MemoryStream(newer))).Message);

        // A header that claims 2³² − 1 columns: refused from the 16 header bytes alone.
        byte[] huge = good[..16];
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(12), uint.MaxValue);
        Assert.Contains("column count 4294967295", Assert.Throws<InvalidDataException>(() => Standardizer.Load(new MemoryStream(huge))).Message);

        // A checksummed record whose scale is 0 would divide by zero: refused as corrupted.
        byte[] zeroScale = WithChecksum(good, bytes => BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(16 + (3 * 8)), 0));
        Assert.Contains("column 0 has mean 3 and scale 0", Assert.Throws<InvalidDataException>(() => Standardizer.Load(new MemoryStream(zeroScale))).Message);
    }

    private static byte[] WithChecksum(byte[] record, Action<byte[]> edit)
    {
        byte[] bytes = [.. record];
        edit(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }
}
