using GenNet.Samples.Shared;
using Xunit;

namespace GenNet.Tests.Samples;

/// <summary>
/// <see cref="PythonFormat"/> against Python 2.7's <c>str(float)</c> (<c>PyOS_double_to_string(x, 'g', 12,
/// Py_DTSF_ADD_DOT_0)</c>); expected strings from CPython's <c>'%.12g' % x</c> and the blog's printout.
/// </summary>
public sealed class PythonFormatTests
{
    [Theory]
    [InlineData(0.4964100319027255, "0.496410031903")]      // the blog's first error
    [InlineData(0.0009416582211734304, "0.000941658221173")] // below 1e-3: still fixed, 12 significant digits
    [InlineData(0.46903846539039876, "0.46903846539")]      // trailing zeros dropped
    [InlineData(0.5, "0.5")]
    [InlineData(1.0, "1.0")]                                 // integral: ".0" added
    [InlineData(-0.0, "-0.0")]
    [InlineData(123456789012.0, "123456789012.0")]
    [InlineData(1234567890123.0, "1.23456789012e+12")]       // 13 digits: exponent form
    [InlineData(1e16, "1e+16")]
    [InlineData(0.0001, "0.0001")]                           // exponent -4: fixed
    [InlineData(0.00001, "1e-05")]                           // exponent -5: exponent form, two digits
    [InlineData(1.234567e-05, "1.234567e-05")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(0.1 + 0.2, "0.3")]                           // 0.30000000000000004 rounds at 12 digits
    [InlineData(2.675, "2.675")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Str_prints_like_python_2(double value, string expected)
    {
        Assert.Equal(expected, PythonFormat.Str(value));
    }

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1")]
    [InlineData(1000.0, "1000")]
    [InlineData(2.5, "2.5")]
    public void Literal_prints_integral_values_as_python_ints(double value, string expected)
    {
        Assert.Equal(expected, PythonFormat.Literal(value));
    }
}
