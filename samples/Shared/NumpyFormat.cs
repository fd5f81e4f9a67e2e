using System;
using System.Globalization;
using System.Text;

namespace GenNet.Samples.Shared;

/// <summary>
/// Arrays printed the way the blog's <c>print synapse_0</c> prints them: numpy's <c>str()</c> of a float array in
/// the format of its time (numpy ≤ 1.13, today <c>np.set_printoptions(legacy='1.13')</c>), 8 decimals, 75 columns.
/// </summary>
/// <remarks>
/// The rules, from numpy 1.13's <c>arrayprint.FloatFormat</c>: all elements share one format. It is exponential
/// (<c>%16.8e</c>) when the largest magnitude is at least 1e8, or the smallest non-zero one is below 1e-4, or they
/// are more than 1000 apart; otherwise fixed, with as many decimals (up to 8) as the element that needs most, and
/// each element's trailing zeros replaced by spaces. Large arrays are not summarised with <c>...</c>.
/// </remarks>
public static class NumpyFormat
{
    private const int Precision = 8;
    private const int LineWidth = 75;

    /// <summary>A row-major <paramref name="rows"/>×<paramref name="columns"/> matrix, e.g. <c>[[ 0.  1.]\n [ 2.  3.]]</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold rows × columns values.</exception>
    public static string Matrix(ReadOnlySpan<double> values, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"A {rows}×{columns} matrix needs {rows * columns} values; got {values.Length}.", nameof(values));
        }

        Func<double, string> format = ElementFormat(values);
        var text = new StringBuilder("[");
        for (int row = 0; row < rows; row++)
        {
            if (row > 0)
            {
                text.Append('\n').Append(' ');
            }

            text.Append(Row(values.Slice(row * columns, columns), format, linePrefix: "  "));
        }

        return text.Append(']').ToString();
    }

    /// <summary>A matrix of counts (numpy prints its float <c>zeros_like</c> counters as <c>[[ 0.  2.]]</c>).</summary>
    public static string Matrix(ReadOnlySpan<int> values, int rows, int columns)
    {
        var asDoubles = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            asDoubles[i] = values[i];
        }

        return Matrix(asDoubles, rows, columns);
    }

    // One row: "[" + elements separated by one space + "]", wrapped at 75 columns with the prefix on new lines.
    private static string Row(ReadOnlySpan<double> values, Func<double, string> format, string linePrefix)
    {
        var text = new StringBuilder();
        var line = new StringBuilder(linePrefix);
        for (int i = 0; i < values.Length; i++)
        {
            string word = i < values.Length - 1 ? format(values[i]) + " " : format(values[i]);
            if (line.ToString().TrimEnd().Length + word.TrimEnd().Length >= LineWidth)
            {
                text.Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear().Append(linePrefix);
            }

            line.Append(word);
        }

        text.Append(line);
        return "[" + text.ToString(linePrefix.Length, text.Length - linePrefix.Length) + "]";
    }

    // numpy 1.13 FloatFormat.fillFormat: one format for the whole array.
    private static Func<double, string> ElementFormat(ReadOnlySpan<double> values)
    {
        double max = 0;
        double min = double.PositiveInfinity;
        bool anySpecial = false;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                anySpecial = true;
            }
            else if (v != 0)
            {
                max = Math.Max(max, Math.Abs(v));
                min = Math.Min(min, Math.Abs(v));
            }
        }

        if (max == 0)
        {
            min = 0;
        }

        bool exponential = max >= 1e8 || (max > 0 && (min < 1e-4 || max / min > 1000));
        if (exponential)
        {
            bool largeExponent = (min > 0 && min < 1e-99) || max >= 1e100;
            int width = 8 + Precision + (largeExponent ? 1 : 0);
            return v => double.IsFinite(v) ? Exponential(v, width, largeExponent) : Special(v, width);
        }

        int decimals = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v) && v != 0)
            {
                string fixedText = Math.Abs(v).ToString("F" + Precision, CultureInfo.InvariantCulture);
                decimals = Math.Max(decimals, Precision - (fixedText.Length - fixedText.TrimEnd('0').Length));
            }
        }

        int fixedWidth = Math.Truncate(max).ToString("F0", CultureInfo.InvariantCulture).Length + decimals + 2;
        if (anySpecial)
        {
            fixedWidth = Math.Max(fixedWidth, "inf".Length + 1);
        }

        return v => double.IsFinite(v) ? Fixed(v, fixedWidth, decimals) : Special(v, fixedWidth);
    }

    // '%#{width}.{decimals}f' with trailing zeros turned into spaces.
    private static string Fixed(double v, int width, int decimals)
    {
        string text = v.ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            text += "."; // the '#' flag keeps the point
        }

        text = text.PadLeft(width);
        string stripped = text.TrimEnd('0');
        return stripped.PadRight(text.Length);
    }

    // '%{width}.8e': two exponent digits at least, three for every element when any needs three.
    // ("E8" rounds exactly; custom patterns such as "0.00000000e+00" round from 15 digits, which can differ.)
    private static string Exponential(double v, int width, bool threeDigitExponent)
    {
        string text = v.ToString("E" + Precision, CultureInfo.InvariantCulture); // e.g. -3.50000000E+000
        int e = text.IndexOf('E');
        int exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string digits = Math.Abs(exponent).ToString(threeDigitExponent ? "D3" : "D2", CultureInfo.InvariantCulture);
        return (text[..e] + (exponent < 0 ? "e-" : "e+") + digits).PadLeft(width);
    }

    private static string Special(double v, int width) =>
        (double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf").PadLeft(width);
}
