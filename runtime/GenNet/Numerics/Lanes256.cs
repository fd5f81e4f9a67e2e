using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.Numerics;

/// <summary>A 256-bit register: 4 doubles or 8 floats (AVX).</summary>
/// <typeparam name="T">float or double.</typeparam>
public readonly struct Lanes256<T> : ILanes<Lanes256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The register.</summary>
    public readonly Vector256<T> Value;

    /// <summary>Wraps a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes256(Vector256<T> value) => Value = value;

    /// <inheritdoc />
    public static int Count => Vector256<T>.Count;

    /// <inheritdoc />
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Create(T value) => new(Vector256.Create(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T source) => new(Vector256.LoadUnsafe(ref source));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256<T> value, ref T destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Gather(ref T source, int stride)
    {
        int half = Vector128<T>.Count;
        Vector128<T> lower = Lanes128<T>.Gather(ref source, stride).Value;
        Vector128<T> upper = Lanes128<T>.Gather(ref Unsafe.Add(ref source, half * stride), stride).Value;
        return new(Vector256.Create(lower, upper));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(Lanes256<T> value, ref T destination, int stride)
    {
        Lanes128<T>.Scatter(new(value.Value.GetLower()), ref destination, stride);
        Lanes128<T>.Scatter(new(value.Value.GetUpper()), ref Unsafe.Add(ref destination, Vector128<T>.Count * stride), stride);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Lanes256<T> value) => Vector256.Sum(value.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> MultiplyAdd(Lanes256<T> a, Lanes256<T> b, Lanes256<T> c) => new(VectorMath.MultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Exp(Lanes256<T> x) => new(VectorMath.Exp(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Abs(Lanes256<T> x) => new(Vector256.Abs(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Max(Lanes256<T> a, Lanes256<T> b) => new(Vector256.Max(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> SelectGreaterThan(Lanes256<T> left, Lanes256<T> right, Lanes256<T> whenTrue, Lanes256<T> whenFalse) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(left.Value, right.Value), whenTrue.Value, whenFalse.Value));

    /// <inheritdoc />
    public static Lanes256<T> Map<TFunction>(Lanes256<T> x) where TFunction : IScalarFunction
    {
        Span<T> values = stackalloc T[Vector256<T>.Count];
        x.Value.CopyTo(values);
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = TFunction.Invoke(values[k]);
        }

        return new(Vector256.Create<T>(values));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> operator +(Lanes256<T> left, Lanes256<T> right) => new(left.Value + right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> operator -(Lanes256<T> left, Lanes256<T> right) => new(left.Value - right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> operator *(Lanes256<T> left, Lanes256<T> right) => new(left.Value * right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> operator /(Lanes256<T> left, Lanes256<T> right) => new(left.Value / right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> operator -(Lanes256<T> value) => new(-value.Value);
}
