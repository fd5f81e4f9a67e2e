using System.Globalization;

namespace GenNet.Samples.Shared;

/// <summary>Numbers printed the way the blog's Python 2 code prints them.</summary>
public static class PythonFormat
{
    /// <summary>
    /// Python 2's <c>str(float)</c>: 12 significant digits (<c>'%.12g'</c>), and <c>.0</c> added when the result
    /// would read as an integer. <c>0.4964100319027255</c> → <c>0.496410031903</c>, <c>1e-5</c> → <c>1e-05</c>,
    /// <c>1.0</c> → <c>1.0</c>, <c>1e16</c> → <c>1e+16</c>.
    /// </summary>
    public static string Str(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // .NET's "g12" is '%.12g' digit for digit: exact decimal rounding, exponent form below 1e-4 and from 1e12,
        // at least two exponent digits.
        string text = value.ToString("g12", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('e') ? text : text + ".0";
    }

    /// <summary>
    /// A number as Python prints it when the source wrote it as a literal: integral values print as ints
    /// (the blog's <c>alphas = [0.001, 0.01, 0.1, 1, 10, 100, 1000]</c> prints <c>1</c>, not <c>1.0</c>),
    /// anything else as <see cref="Str(double)"/>.
    /// </summary>
    public static string Literal(double value) =>
        double.IsInteger(value) && double.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : Str(value);
}
