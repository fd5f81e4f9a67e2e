using System;
using GenNet.Samples.Shared;
using GenNet.Tests.Blog;
using Xunit;

namespace GenNet.Tests.Samples;

/// <summary>
/// <see cref="NumpyFormat"/> against numpy: every expected string is <c>str(np.array(...))</c> from numpy 1.24.2 with
/// <c>np.set_printoptions(legacy='1.13')</c>, the format of the blog's time; where the blog printed the same array
/// its text is the same (up to the web page's collapsed spaces).
/// </summary>
public sealed class NumpyFormatTests
{
    [Fact]
    public void Prints_a_synapse_as_the_blog_does()
    {
        double[] synapse0 = BlogExperiment.Get("post2_alpha_sweep_hidden4_alpha0.001").NumpyFinalParameters[..12];

        Assert.Equal(
            "[[-0.28448441  0.32471214 -1.53496167 -0.47594822]\n" +
            " [-0.7550616  -1.04593014 -1.45446052 -0.32606771]\n" +
            " [-0.2594825  -0.13487028 -0.29722666  0.40028038]]",
            NumpyFormat.Matrix(synapse0, 3, 4));
    }

    [Fact]
    public void Pads_every_element_to_the_widest_integer_part()
    {
        double[] synapse1 = BlogExperiment.Get("post2_alpha_sweep_hidden4_alpha10").NumpyFinalParameters[12..];

        Assert.Equal("[[ -8.58485788]\n [ 10.1786297 ]\n [-14.87601886]\n [  7.57026121]]", NumpyFormat.Matrix(synapse1, 4, 1));
    }

    [Fact]
    public void Prints_counts_as_floats_with_no_decimals()
    {
        int[] counts = { 7, 19, 2, 6, 7, 2, 0, 22, 19, 26, 9, 17 };

        Assert.Equal("[[  7.  19.   2.   6.]\n [  7.   2.   0.  22.]\n [ 19.  26.   9.  17.]]", NumpyFormat.Matrix(counts, 3, 4));
        Assert.Equal("[[ 0.  0.  0.]\n [ 0.  0.  0.]]", NumpyFormat.Matrix(new double[6], 2, 3));
    }

    [Fact]
    public void Uses_only_the_decimals_the_array_needs()
    {
        Assert.Equal("[[ 10.     0.25]]", NumpyFormat.Matrix(new[] { 10.0, 0.25 }, 1, 2));
    }

    [Fact]
    public void Wraps_rows_at_75_columns()
    {
        double[] synapse0 = BlogExperiment.Get("post2_alpha_sweep_hidden32_alpha1").NumpyFinalParameters[..96];

        string printed = NumpyFormat.Matrix(synapse0, 3, 32);

        Assert.StartsWith(
            "[[-3.69458188  0.23624467 -1.9019684  -0.32446113 -0.98612908 -1.31482998\n" +
            "  -1.48487702 -0.35408304 -3.68428839 -0.01067195 -1.69156413 -0.06315189\n",
            printed);
        Assert.Contains(
            "   0.79373556  3.90708299 -1.70220123 -1.92733357 -0.12693267  0.52077799\n" +
            "  -1.41949819 -0.01686044]\n" +
            " [ 3.13259835 -0.3138864   2.51592411 -0.42670312  0.6989808   0.57775363\n",
            printed);
        Assert.EndsWith("  -0.58811426 -0.50222002]]", printed);
        Assert.Equal(18, printed.Split('\n').Length);
    }

    [Fact]
    public void Switches_to_exponent_form_for_wide_ranges()
    {
        Assert.Equal(
            "[[  1.00000000e-05   1.00000000e+00]\n [  2.00000000e+00  -3.50000000e+00]]",
            NumpyFormat.Matrix(new[] { 1e-5, 1.0, 2.0, -3.5 }, 2, 2));
        Assert.Equal("[[  1.00000000e+09  -2.00000000e+00]]", NumpyFormat.Matrix(new[] { 1e9, -2.0 }, 1, 2));
        Assert.Equal("[[  1.00000000e-120   1.00000000e+000]]", NumpyFormat.Matrix(new[] { 1e-120, 1.0 }, 1, 2));
    }

    [Fact]
    public void Prints_nan_and_infinities()
    {
        Assert.Equal("[[ nan  1.5]\n [ inf -inf]]", NumpyFormat.Matrix(new[] { double.NaN, 1.5, double.PositiveInfinity, double.NegativeInfinity }, 2, 2));
        Assert.Equal("[[  1.00000000e-05              nan]]", NumpyFormat.Matrix(new[] { 1e-5, double.NaN }, 1, 2));
    }

    [Fact]
    public void Refuses_a_shape_that_does_not_fit_the_values()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => NumpyFormat.Matrix(new double[5], 2, 3));
        Assert.Contains("6", error.Message);
        Assert.Contains("5", error.Message);
    }
}
