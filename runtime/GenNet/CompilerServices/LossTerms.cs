using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// Per-output loss terms that generated code sums into the reported loss. The logarithm is <see cref="PortableMath.Log"/>
/// (in double, rounded once in float), so a reported cross-entropy, and what early stopping decides from it, is the same
/// on every machine.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossTerms
{
    /// <summary>
    /// <c>−(y·log p + (1 − y)·log(1 − p))</c>, with p clamped to [ε, 1 − ε] (ε = 1e-12 in double, 1e-7 in float) so
    /// that a saturated sigmoid reports a large finite loss rather than infinity.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T BinaryCrossEntropy<T>(T p, T y) where T : IFloatingPointIeee754<T>
    {
        T epsilon = Epsilon<T>();
        T clamped = T.Clamp(p, epsilon, T.One - epsilon);
        return -((y * Log(clamped)) + ((T.One - y) * Log(T.One - clamped)));
    }

    /// <summary><c>−y·log p</c>, 0 where y is 0, with p floored at ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CrossEntropy<T>(T p, T y) where T : IFloatingPointIeee754<T> =>
        y == T.Zero ? T.Zero : -(y * Log(T.Max(p, Epsilon<T>())));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Log<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(PortableMath.Log(double.CreateTruncating(x)));

    private static T Epsilon<T>() where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(typeof(T) == typeof(float) ? 1e-7 : 1e-12);
}
