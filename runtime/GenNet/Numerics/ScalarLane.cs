using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Numerics;

/// <summary>
/// One value as a one-lane register: what generated kernels use for the rows (or columns) left over after the
/// full registers, so that every row is computed by the same code and rounds the same.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public readonly struct ScalarLane<T> : ILanes<ScalarLane<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The value.</summary>
    public readonly T Value;

    /// <summary>Wraps a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ScalarLane(T value) => Value = value;

    /// <inheritdoc />
    public static int Count => 1;

    /// <inheritdoc />
    public static bool IsHardwareAccelerated => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Create(T value) => new(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Load(ref T source) => new(source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarLane<T> value, ref T destination) => destination = value.Value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Gather(ref T source, int stride) => new(source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(ScalarLane<T> value, ref T destination, int stride) => destination = value.Value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(ScalarLane<T> value) => value.Value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> MultiplyAdd(ScalarLane<T> a, ScalarLane<T> b, ScalarLane<T> c) => new(T.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Exp(ScalarLane<T> x) => new(VectorMath.Exp(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Abs(ScalarLane<T> x) => new(T.Abs(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Max(ScalarLane<T> a, ScalarLane<T> b) => new(T.Max(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> SelectGreaterThan(ScalarLane<T> left, ScalarLane<T> right, ScalarLane<T> whenTrue, ScalarLane<T> whenFalse) =>
        left.Value > right.Value ? whenTrue : whenFalse;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Map<TFunction>(ScalarLane<T> x) where TFunction : IScalarFunction => new(TFunction.Invoke(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> operator +(ScalarLane<T> left, ScalarLane<T> right) => new(left.Value + right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> operator -(ScalarLane<T> left, ScalarLane<T> right) => new(left.Value - right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> operator *(ScalarLane<T> left, ScalarLane<T> right) => new(left.Value * right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> operator /(ScalarLane<T> left, ScalarLane<T> right) => new(left.Value / right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> operator -(ScalarLane<T> value) => new(-value.Value);
}
