using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using nietras.SeparatedValues;

namespace GenNet.Samples.Co2;

/// <summary>Weekly CO₂ readings; a missing week is NaN (kept, never filled with a value the data does not have).</summary>
public sealed record Co2Series(DateOnly[] Weeks, double[] Ppm)
{
    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "Data", "co2.csv");

    public int MissingWeeks => Array.FindAll(Ppm, double.IsNaN).Length;

    /// <summary>
    /// Reads <c>date,co2</c> rows with the Sep parser: an empty value is a missing week; a malformed date or value, or
    /// a date that is not seven days after the one before, is refused naming its line and column.
    /// </summary>
    public static Co2Series Load(string path)
    {
        using SepReader reader = Sep.Reader().FromFile(path);
        int dateColumn = reader.Header.IndexOf("date"), valueColumn = reader.Header.IndexOf("co2");
        var weeks = new List<DateOnly>();
        var values = new List<double>();
        foreach (SepReader.Row row in reader)
        {
            ReadOnlySpan<char> date = row[dateColumn].Span.Trim(), text = row[valueColumn].Span.Trim();
            if (!DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly week))
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column {dateColumn + 1} (date): '{date}' is not a YYYYMMDD date.");
            }

            if (weeks.Count > 0 && week != weeks[^1].AddDays(7))
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column {dateColumn + 1} (date): {week} is not a week after {weeks[^1]}.");
            }

            double value = double.NaN;
            if (!text.IsEmpty && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value)))
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column {valueColumn + 1} (co2): '{text}' is not a number.");
            }

            weeks.Add(week);
            values.Add(value);
        }

        return new Co2Series(weeks.ToArray(), values.ToArray());
    }
}
