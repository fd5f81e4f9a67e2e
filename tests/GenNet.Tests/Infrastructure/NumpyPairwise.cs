using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GenNet.Tests.Infrastructure;

/// <summary>
/// Reads Reference/numpy-pairwise.json, written by Reference/numpy_pairwise.py with numpy: np.sum and np.mean of seeded
/// arrays, and the errors numpy reports while training small networks, every number as Python's float.hex().
/// </summary>
internal static class NumpyPairwise
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "numpy-pairwise.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>The array behind a "sums" entry: <c>np.random.seed(n); 2*np.random.random(n) - 1</c> (float64).</summary>
    public static double[] SumValues(int n)
    {
        var values = new double[n];
        new NumpyRandom(n).FillSymmetricUniform(values);
        return values;
    }

    /// <summary>The "sums" entries: length, and numpy's sum, mean and left-to-right sum per dtype.</summary>
    public static IEnumerable<(int N, string DType, double Sum, double Mean, double SequentialSum)> Sums() =>
        Root.GetProperty("sums").EnumerateArray().SelectMany(entry =>
        {
            int n = entry.GetProperty("n").GetInt32();
            return new[] { "float64", "float32" }.Select(dtype =>
            {
                JsonElement e = entry.GetProperty(dtype);
                return (n, dtype, Hex(e, "sum"), Hex(e, "mean"), Hex(e, "sequential_sum"));
            });
        });

    /// <summary>The "networks" entries: which network, how many rows, numpy's reported errors and the left-to-right ones.</summary>
    public static IEnumerable<(string Network, int Rows, double[] Errors, double[] Sequential)> Networks() =>
        Root.GetProperty("networks").EnumerateArray().Select(e => (
            e.GetProperty("network").GetString()!,
            e.GetProperty("rows").GetInt32(),
            e.GetProperty("errors").EnumerateArray().Select(v => BlogTables.ParseHex(v.GetString()!)).ToArray(),
            e.GetProperty("sequential").EnumerateArray().Select(v => BlogTables.ParseHex(v.GetString()!)).ToArray()));

    private static double Hex(JsonElement element, string name)
    {
        string text = element.GetProperty(name).GetString()!;
        return text == "nan" ? double.NaN : BlogTables.ParseHex(text);
    }

    /// <summary>A double with its bits, for messages about the last bit.</summary>
    public static string Bits(double value) =>
        $"{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (0x{BitConverter.DoubleToInt64Bits(value):X16})";
}
