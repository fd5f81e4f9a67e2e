using System;
using System.Linq;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// <see cref="NumpySum"/> and <see cref="NumpySum{T}"/> against numpy's own np.sum and np.mean (Reference/numpy-pairwise.json,
/// numpy 1.24.2) of seeded arrays in float64 and float32: every length from 0 to 300, and lengths around numpy's
/// 8,192-element chunks and past them, bit for bit.
/// </summary>
public sealed class NumpySumTests
{
    [Fact]
    public void Sums_and_means_are_numpys_bit_for_bit()
    {
        int checkedCases = 0;
        foreach ((int n, string dtype, double sum, double mean, _) in NumpyPairwise.Sums())
        {
            double[] values = NumpyPairwise.SumValues(n);
            if (dtype == "float64")
            {
                AssertSame(sum, NumpySum.Sum<double>(values), n, dtype, "np.sum");
                AssertSame(mean, NumpySum.Mean<double>(values), n, dtype, "np.mean");
                AssertSame(sum, Streamed(values), n, dtype, "NumpySum<double>");
            }
            else
            {
                float[] singles = values.Select(v => (float)v).ToArray();
                AssertSame(sum, NumpySum.Sum<float>(singles), n, dtype, "np.sum");
                AssertSame(mean, NumpySum.Mean<float>(singles), n, dtype, "np.mean");
                AssertSame(sum, Streamed(singles), n, dtype, "NumpySum<float>");
            }

            checkedCases++;
        }

        Assert.Equal(2 * 319, checkedCases);
    }

    [Fact]
    public void The_reference_tells_a_pairwise_sum_from_a_left_to_right_one()
    {
        var cases = NumpyPairwise.Sums().ToList();

        // Below 8 elements numpy adds left to right; past that the order shows in most sums (a left-to-right sum,
        // GenNet's reported error before, would fail the test above).
        Assert.All(cases.Where(c => c.N < 8), c => Assert.Equal(c.SequentialSum, c.Sum));
        int differing = cases.Count(c => c.Sum != c.SequentialSum);
        Assert.True(differing > cases.Count / 2, $"only {differing} of {cases.Count} sums depend on the order");
    }

    [Fact]
    public void Pairwise_splits_like_numpy()
    {
        // A run of 8 to 128 uses eight lanes, combined ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)): the two 1s meet
        // before they meet 2⁵³ and survive, where a left-to-right sum loses each of them to rounding (ties to even).
        double big = Math.ScaleB(1, 53);
        double[] values = { big, 0, 1, 1, 0, 0, 0, 0 };
        Assert.Equal(big + 2, NumpySum.Pairwise<double>(values));
        Assert.Equal(big, values.Aggregate(0.0, (sum, v) => sum + v));

        // Longer runs split at ⌊n / 2⌋ rounded down to a multiple of 8.
        Assert.Equal(64, NumpySum.FirstHalf(129));
        Assert.Equal(4096, NumpySum.FirstHalf(8192));
        Assert.Equal(4096, NumpySum.FirstHalf(8199));
        Assert.Equal(4104, NumpySum.FirstHalf(8208));
    }

    [Fact]
    public void Empty_and_signed_zero_sums_start_from_positive_zero_as_numpy()
    {
        // np.sum(np.array([-0.0])) is 0.0: the reduction starts from the identity +0.
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(NumpySum.Sum<double>(new[] { -0.0 })));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(new NumpySum<double>(0).Total));
        var one = new NumpySum<double>(1);
        one.Add(-0.0);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(one.Total));
        Assert.True(double.IsNaN(NumpySum.Mean<double>(ReadOnlySpan<double>.Empty)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpySum<float>(-1));
    }

    [Fact]
    public void Adding_one_at_a_time_allocates_nothing()
    {
        double[] values = NumpyPairwise.SumValues(20_000);
        double Run()
        {
            var sum = new NumpySum<double>(values.Length);
            foreach (double v in values)
            {
                sum.Add(v);
            }

            return sum.Total;
        }

        double first = Run();
        double second = 0;
        Assert.Equal(0, Allocations.SteadyState(() => second = Run(), warmUp: false));
        Assert.Equal(first, second);
    }

    private static T Streamed<T>(T[] values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var sum = new NumpySum<T>(values.Length);
        foreach (T v in values)
        {
            sum.Add(v);
        }

        return sum.Total;
    }

    private static void AssertSame(double expected, double actual, int n, string dtype, string what)
    {
        bool same = double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
        Assert.True(same, $"{what}, {dtype}, n = {n}: {NumpyPairwise.Bits(actual)}, numpy {NumpyPairwise.Bits(expected)}");
    }
}
