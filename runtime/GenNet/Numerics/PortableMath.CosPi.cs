using System;

namespace GenNet.Numerics;

public static partial class PortableMath
{
    // Taylor coefficients (−1)ᵏ/(2k)! and (−1)ᵏ/(2k + 1)! for k = 1…11: on |y| ≤ π/4 the last term is below 2⁻⁷⁰.
    private static readonly double[] CosSeries =
    [
        -0.5, 0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05, -2.755731922398589e-07,
        2.08767569878681e-09, -1.1470745597729725e-11, 4.779477332387385e-14, -1.5619206968586225e-16,
        4.110317623312165e-19, -8.896791392450574e-22,
    ];

    private static readonly double[] SinSeries =
    [
        -0.16666666666666666, 0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-06,
        -2.505210838544172e-08, 1.6059043836821613e-10, -7.647163731819816e-13, 2.8114572543455206e-15,
        -8.22063524662433e-18, 1.9572941063391263e-20, -3.868170170630684e-23,
    ];

    /// <summary>
    /// cos(πx), the same bits on every IEEE-754 machine (<see cref="Math.Cos"/> is the C library's): x is folded
    /// exactly into [0, ¼] by the symmetries of the cosine, then a Taylor series of cos or sin. Within 1e-16 of
    /// <c>Math.Cos(Math.PI * x)</c>; for the cosine learning-rate schedule.
    /// </summary>
    public static double CosPi(double x)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        // cos(π·x) is even with period 2: fold into [0, 1], then use cos(π(1 − u)) = −cos(πu) to reach [0, ½].
        // Each step is exact: a remainder, and differences of numbers within a factor of two (Sterbenz).
        double u = Math.Abs(x) % 2;
        if (u > 1)
        {
            u = 2 - u;
        }

        double sign = 1;
        if (u > 0.5)
        {
            u = 1 - u;
            sign = -1;
        }

        // On [0, ¼] the cosine series; on (¼, ½] cos(πu) = sin(π(½ − u)).
        bool useSine = u > 0.25;
        double y = Math.PI * (useSine ? 0.5 - u : u);
        double square = y * y;
        double sum = Polynomial(useSine ? SinSeries : CosSeries, square);
        double value = useSine ? y + (y * (square * sum)) : 1 + (square * sum);
        return sign * value;
    }
}
