using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.Numerics;

/// <summary>A 512-bit register: 8 doubles or 16 floats (AVX-512).</summary>
/// <typeparam name="T">float or double.</typeparam>
public readonly struct Lanes512<T> : ILanes<Lanes512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The register.</summary>
    public readonly Vector512<T> Value;

    /// <summary>Wraps a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes512(Vector512<T> value) => Value = value;

    /// <inheritdoc />
    public static int Count => Vector512<T>.Count;

    /// <inheritdoc />
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Create(T value) => new(Vector512.Create(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T source) => new(Vector512.LoadUnsafe(ref source));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512<T> value, ref T destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Gather(ref T source, int stride)
    {
        int half = Vector256<T>.Count;
        Vector256<T> lower = Lanes256<T>.Gather(ref source, stride).Value;
        Vector256<T> upper = Lanes256<T>.Gather(ref Unsafe.Add(ref source, half * stride), stride).Value;
        return new(Vector512.Create(lower, upper));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(Lanes512<T> value, ref T destination, int stride)
    {
        Lanes256<T>.Scatter(new(value.Value.GetLower()), ref destination, stride);
        Lanes256<T>.Scatter(new(value.Value.GetUpper()), ref Unsafe.Add(ref destination, Vector256<T>.Count * stride), stride);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Lanes512<T> value) => Vector512.Sum(value.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MultiplyAdd(Lanes512<T> a, Lanes512<T> b, Lanes512<T> c) => new(VectorMath.MultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Exp(Lanes512<T> x) => new(VectorMath.Exp(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Abs(Lanes512<T> x) => new(Vector512.Abs(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Max(Lanes512<T> a, Lanes512<T> b) => new(Vector512.Max(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> SelectGreaterThan(Lanes512<T> left, Lanes512<T> right, Lanes512<T> whenTrue, Lanes512<T> whenFalse) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(left.Value, right.Value), whenTrue.Value, whenFalse.Value));

    /// <inheritdoc />
    public static Lanes512<T> Map<TFunction>(Lanes512<T> x) where TFunction : IScalarFunction
    {
        Span<T> values = stackalloc T[Vector512<T>.Count];
        x.Value.CopyTo(values);
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = TFunction.Invoke(values[k]);
        }

        return new(Vector512.Create<T>(values));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator +(Lanes512<T> left, Lanes512<T> right) => new(left.Value + right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator -(Lanes512<T> left, Lanes512<T> right) => new(left.Value - right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator *(Lanes512<T> left, Lanes512<T> right) => new(left.Value * right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator /(Lanes512<T> left, Lanes512<T> right) => new(left.Value / right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator -(Lanes512<T> value) => new(-value.Value);
}
