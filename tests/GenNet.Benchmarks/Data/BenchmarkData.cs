using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet;

namespace GenNet.Benchmarks.Data;

/// <summary>A labelled data set as row-major features in [0, 1] and one-hot targets.</summary>
public sealed record Dataset(string Name, float[] Features, float[] Targets, int Rows, int FeatureCount, int ClassCount)
{
    /// <summary>Rows [start, start + count) wrapped around the end, copied into the given buffers.</summary>
    public void CopyBatch(int start, int count, Span<float> features, Span<float> targets)
    {
        for (int i = 0; i < count; i++)
        {
            int row = (start + i) % Rows;
            Features.AsSpan(row * FeatureCount, FeatureCount).CopyTo(features.Slice(i * FeatureCount, FeatureCount));
            Targets.AsSpan(row * ClassCount, ClassCount).CopyTo(targets.Slice(i * ClassCount, ClassCount));
        }
    }
}

/// <summary>Loaders for the benchmark data: digits (shipped) and Fashion-MNIST (a Debian package).</summary>
public static class BenchmarkData
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the IDX files.</summary>
    public const string FashionMnistDefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The 1,797 digits of <c>Data/digits.csv.gz</c>: 64 pixels scaled from 0..16 to [0, 1], 10 classes.</summary>
    public static Dataset Digits()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var features = new float[lines.Length * 64];
        var targets = new float[lines.Length * 10];
        for (int r = 0; r < lines.Length; r++)
        {
            string[] cells = lines[r].Split(',');
            for (int c = 0; c < 64; c++)
            {
                features[(r * 64) + c] = float.Parse(cells[c], CultureInfo.InvariantCulture) / 16f;
            }

            targets[(r * 10) + int.Parse(cells[64], CultureInfo.InvariantCulture)] = 1;
        }

        return new Dataset("digits", features, targets, lines.Length, 64, 10);
    }

    /// <summary>
    /// The 60,000 Fashion-MNIST training images, pixels scaled to [0, 1]; from <c>GENNET_FASHION_MNIST</c> or the Debian
    /// folder. Without the files: seeded random pixels of the same shape, named so in <see cref="Dataset.Name"/>.
    /// </summary>
    public static Dataset FashionMnist()
    {
        string directory = Environment.GetEnvironmentVariable("GENNET_FASHION_MNIST") ?? FashionMnistDefaultDirectory;
        string images = Path.Combine(directory, "train-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, "train-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            return RandomImages(rows: 2048);
        }

        byte[] pixels = ReadIdx(images, expectedMagic: 0x00000803, out int[] imageShape);
        byte[] classes = ReadIdx(labels, expectedMagic: 0x00000801, out int[] labelShape);
        int rows = imageShape[0], featureCount = imageShape[1] * imageShape[2];
        if (labelShape[0] != rows)
        {
            throw new InvalidDataException($"{labels} holds {labelShape[0]} labels for {rows} images.");
        }

        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        var targets = new float[rows * 10];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * 10) + classes[r]] = 1;
        }

        return new Dataset("fashion-mnist", features, targets, rows, featureCount, 10);
    }

    private static Dataset RandomImages(int rows)
    {
        var random = new NumpyRandom(7);
        var features = new float[rows * 784];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        var targets = new float[rows * 10];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * 10) + (r % 10)] = 1;
        }

        return new Dataset("random 28×28 (Fashion-MNIST not installed)", features, targets, rows, 784, 10);
    }

    // IDX: big-endian magic (0x0000 0803 = unsigned bytes, 3 dimensions), the dimensions, then the data.
    private static byte[] ReadIdx(string path, int expectedMagic, out int[] shape)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new BinaryReader(stream);
        int magic = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadInt32());
        if (magic != expectedMagic)
        {
            throw new InvalidDataException($"{path}: IDX magic 0x{magic:X8}, expected 0x{expectedMagic:X8}.");
        }

        shape = Enumerable.Range(0, magic & 0xFF).Select(_ => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadInt32())).ToArray();
        int length = shape.Aggregate(1, (a, b) => a * b);
        byte[] data = reader.ReadBytes(length);
        if (data.Length != length)
        {
            throw new InvalidDataException($"{path}: expected {length} bytes of data, found {data.Length}.");
        }

        return data;
    }
}
