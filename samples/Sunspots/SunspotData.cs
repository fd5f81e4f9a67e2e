using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using nietras.SeparatedValues;

namespace GenNet.Samples.Sunspots;

/// <summary>The yearly sunspot numbers, 1700–2008 (see Data/README.md for the source and attribution).</summary>
public sealed record SunspotSeries(int FirstYear, double[] Values)
{
    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "Data", "sunspots.csv");

    /// <summary>The value of <paramref name="year"/>.</summary>
    public double this[int year] => Values[year - FirstYear];

    public int LastYear => FirstYear + Values.Length - 1;

    /// <summary>
    /// Reads <c>YEAR,SUNACTIVITY</c> rows with the Sep parser. A missing or malformed value, or a year that does not follow
    /// the one before, is refused naming its line and column: a forecaster trained on a shifted series is silently wrong.
    /// </summary>
    public static SunspotSeries Load(string path)
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        int yearColumn = Column(reader, "YEAR", path), valueColumn = Column(reader, "SUNACTIVITY", path);
        var values = new List<double>();
        int first = 0;
        foreach (SepReader.Row row in reader)
        {
            int year = (int)Number(row, yearColumn, "YEAR", path);
            double value = Number(row, valueColumn, "SUNACTIVITY", path);
            if (values.Count == 0)
            {
                first = year;
            }
            else if (year != first + values.Count)
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column 1: year {year} follows {first + values.Count - 1}; the series must be consecutive years.");
            }

            values.Add(value);
        }

        return values.Count > 0 ? new SunspotSeries(first, values.ToArray()) : throw new InvalidDataException($"{path} has no rows.");
    }

    private static int Column(SepReader reader, string name, string path) =>
        reader.Header.TryIndexOf(name, out int index)
            ? index
            : throw new InvalidDataException($"{path}, line 1: no column '{name}' (the header is '{string.Join(",", reader.Header.ColNames)}').");

    private static double Number(SepReader.Row row, int column, string name, string path)
    {
        ReadOnlySpan<char> text = row[column].Span.Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column {column + 1} ({name}): '{text}' is not a number.");
    }
}
