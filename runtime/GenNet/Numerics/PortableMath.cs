namespace GenNet.Numerics;

/// <summary>
/// Elementary functions that give the same bits on every machine: plain IEEE-754 double arithmetic (+, −, ×, ÷, √ are
/// correctly rounded everywhere), in a fixed order, with no intrinsic, no fused multiply-add and no call into the C
/// runtime. Each file holds one function: <c>Exp</c>, <c>Log</c>, <c>Tanh</c>, <c>Pow</c> (whole exponents) and
/// <c>CosPi</c>.
/// </summary>
/// <remarks>
/// <see cref="System.Math"/>'s functions call the platform's C library (glibc, the Windows UCRT, Apple's libm), which
/// choose their own algorithms, and glibc picks a variant by CPU features: results can differ in the last bit between
/// machines. These are within 1 or 2 ulps of them and are what the portable activations
/// (<see cref="Activations.PortableSigmoid"/>, <see cref="Activations.PortableTanh"/>,
/// <see cref="Activations.PortableSoftmax"/>), the cross-entropy losses, Adam, the schedules and simulated annealing use,
/// so that training in numpy order is bit-reproducible across machines.
/// </remarks>
public static partial class PortableMath
{
    // c₀ + c₁z + c₂z² + … by Horner's rule, from the highest coefficient down: one fixed order of operations.
    private static double Polynomial(double[] coefficients, double z)
    {
        double sum = coefficients[^1];
        for (int k = coefficients.Length - 2; k >= 0; k--)
        {
            sum = (sum * z) + coefficients[k];
        }

        return sum;
    }

    // (a.Hi + a.Lo)(b.Hi + b.Lo) to about 2⁻¹⁰⁴ relative: the product of the high parts exactly (Dekker), the cross terms
    // in double, renormalised so that |Lo| ≤ ½ ulp(Hi).
    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        double product = a.Hi * b.Hi;
        (double ah, double al) = Split(a.Hi);
        (double bh, double bl) = Split(b.Hi);
        double error = (((ah * bh) - product) + (ah * bl) + (al * bh)) + (al * bl);
        error += (a.Hi * b.Lo) + (a.Lo * b.Hi);
        double hi = product + error;
        return (hi, error - (hi - product));
    }

    // Veltkamp's split of a double into two 26-bit halves whose products are exact (|a| < 2 in every use here, so no overflow).
    private static (double Hi, double Lo) Split(double a)
    {
        double c = 134217729.0 * a; // 2²⁷ + 1
        double hi = c - (c - a);
        return (hi, a - hi);
    }
}
