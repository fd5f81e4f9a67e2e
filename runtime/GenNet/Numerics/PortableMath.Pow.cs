using System;

namespace GenNet.Numerics;

public static partial class PortableMath
{
    /// <summary>
    /// xⁿ for |x| ≤ 1 and a whole n ≥ 0, the same bits on every machine (<see cref="Math.Pow"/> is the C library's):
    /// repeated squaring in double-double arithmetic (Dekker's exact products, plain IEEE operations, no fused
    /// multiply-add), so the result is within 1 ulp for any n. For decay factors: Adam's bias corrections, the schedules.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not in [−1, 1] or <paramref name="n"/> is negative.</exception>
    public static double Pow(double x, long n)
    {
        if (!(Math.Abs(x) <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"PortableMath.Pow takes x in [-1, 1]; was {x}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n);
        (double Hi, double Lo) result = (1, 0), power = (x, 0);
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                result = Multiply(result, power);
            }

            n >>= 1;
            if (n != 0)
            {
                power = Multiply(power, power);
            }
        }

        return result.Hi;
    }
}
