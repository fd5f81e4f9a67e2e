using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.Numerics;

/// <summary>A 128-bit register: 2 doubles or 4 floats (SSE, NEON).</summary>
/// <typeparam name="T">float or double.</typeparam>
public readonly struct Lanes128<T> : ILanes<Lanes128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The register.</summary>
    public readonly Vector128<T> Value;

    /// <summary>Wraps a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes128(Vector128<T> value) => Value = value;

    /// <inheritdoc />
    public static int Count => Vector128<T>.Count;

    /// <inheritdoc />
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Create(T value) => new(Vector128.Create(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Load(ref T source) => new(Vector128.LoadUnsafe(ref source));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes128<T> value, ref T destination) => value.Value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Gather(ref T source, int stride)
    {
        if (typeof(T) == typeof(double))
        {
            ref double d = ref Unsafe.As<T, double>(ref source);
            return new(Vector128.Create(d, Unsafe.Add(ref d, stride)).As<double, T>());
        }

        ref float f = ref Unsafe.As<T, float>(ref source);
        return new(Vector128.Create(f, Unsafe.Add(ref f, stride), Unsafe.Add(ref f, 2 * stride), Unsafe.Add(ref f, 3 * stride)).As<float, T>());
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(Lanes128<T> value, ref T destination, int stride)
    {
        for (int k = 0; k < Vector128<T>.Count; k++)
        {
            Unsafe.Add(ref destination, k * stride) = value.Value.GetElement(k);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Lanes128<T> value) => Vector128.Sum(value.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> MultiplyAdd(Lanes128<T> a, Lanes128<T> b, Lanes128<T> c) => new(VectorMath.MultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Exp(Lanes128<T> x) => new(VectorMath.Exp(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Abs(Lanes128<T> x) => new(Vector128.Abs(x.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Max(Lanes128<T> a, Lanes128<T> b) => new(Vector128.Max(a.Value, b.Value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> SelectGreaterThan(Lanes128<T> left, Lanes128<T> right, Lanes128<T> whenTrue, Lanes128<T> whenFalse) =>
        new(Vector128.ConditionalSelect(Vector128.GreaterThan(left.Value, right.Value), whenTrue.Value, whenFalse.Value));

    /// <inheritdoc />
    public static Lanes128<T> Map<TFunction>(Lanes128<T> x) where TFunction : IScalarFunction
    {
        Span<T> values = stackalloc T[Vector128<T>.Count];
        x.Value.CopyTo(values);
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = TFunction.Invoke(values[k]);
        }

        return new(Vector128.Create<T>(values));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> operator +(Lanes128<T> left, Lanes128<T> right) => new(left.Value + right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> operator -(Lanes128<T> left, Lanes128<T> right) => new(left.Value - right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> operator *(Lanes128<T> left, Lanes128<T> right) => new(left.Value * right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> operator /(Lanes128<T> left, Lanes128<T> right) => new(left.Value / right.Value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> operator -(Lanes128<T> value) => new(-value.Value);
}
