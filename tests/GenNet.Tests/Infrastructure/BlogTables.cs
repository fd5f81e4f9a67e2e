using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GenNet.Tests.Infrastructure;

/// <summary>Reads Reference/blog-tables.json, the numpy recomputation of every number the blog prints.</summary>
internal static class BlogTables
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "blog-tables.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Experiment(string name) =>
        Root.GetProperty("experiments").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    /// <summary>A matrix stored as nested arrays of Python hex floats, flattened row-major.</summary>
    public static double[] HexMatrix(JsonElement element) =>
        element.EnumerateArray().SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().ToArray() : new[] { row })
            .Select(v => ParseHex(v.GetString()!)).ToArray();

    /// <summary>Parses Python's <c>float.hex()</c> form, e.g. <c>-0x1.8p-3</c>, exactly.</summary>
    public static double ParseHex(string text)
    {
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        if (!body.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"Not a hex float: {text}");
        }

        int p = body.IndexOf('p');
        string mantissa = body[2..p];
        int exponent = int.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string[] parts = mantissa.Split('.');
        string digits = parts[0] + (parts.Length > 1 ? parts[1] : string.Empty);
        int fractionDigits = parts.Length > 1 ? parts[1].Length : 0;
        double value = 0;
        foreach (char c in digits)
        {
            value = (value * 16) + Convert.ToInt32(c.ToString(), 16); // exact: at most 53 significant bits
        }

        value = Math.ScaleB(value, exponent - (4 * fractionDigits));
        return negative ? -value : value;
    }
}
