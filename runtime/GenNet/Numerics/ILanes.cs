using System;
using System.Numerics;

namespace GenNet.Numerics;

/// <summary>
/// A SIMD register of <typeparamref name="T"/> as a type parameter: generated networks and the blocked kernels are
/// written once against this contract and the JIT compiles them per width (<see cref="Lanes512{T}"/>,
/// <see cref="Lanes256{T}"/>, <see cref="Lanes128{T}"/>, and <see cref="ScalarLane{T}"/> for remainders), inlining
/// every member: no virtual call, no allocation.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Every implementation computes each lane exactly as <see cref="ScalarLane{T}"/> computes its one value (the same
/// operations in the same order, and the same <see cref="Exp"/>), so a row gives the same result in any lane of
/// any width. <see cref="MultiplyAdd"/> is the one fused operation; code that must round like numpy does not use it.
/// </remarks>
public interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per register.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on SIMD hardware (otherwise it is emulated and slower than scalar code).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(T value);

    /// <summary>Lane k from <c>Unsafe.Add(ref source, k)</c>: <see cref="Count"/> consecutive values.</summary>
    static abstract TSelf Load(ref T source);

    /// <summary>Writes lane k to <c>Unsafe.Add(ref destination, k)</c>.</summary>
    static abstract void Store(TSelf value, ref T destination);

    /// <summary>Lane k from <c>Unsafe.Add(ref source, k * stride)</c>: one value from each of <see cref="Count"/> rows.</summary>
    static abstract TSelf Gather(ref T source, int stride);

    /// <summary>Writes lane k to <c>Unsafe.Add(ref destination, k * stride)</c>.</summary>
    static abstract void Scatter(TSelf value, ref T destination, int stride);

    /// <summary>The sum of the lanes.</summary>
    static abstract T Sum(TSelf value);

    /// <summary><c>a · b + c</c> with one rounding (fused where the hardware has it).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>e^x per lane: the BCL's vectorised algorithm at every width on .NET 10, <c>T.Exp</c> lane by lane on .NET 8
    /// (see the remarks of the type).</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>|x| per lane.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>The larger of each pair of lanes.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>Per lane: <paramref name="whenTrue"/> where <paramref name="left"/> &gt; <paramref name="right"/>, else <paramref name="whenFalse"/>.</summary>
    static abstract TSelf SelectGreaterThan(TSelf left, TSelf right, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Applies <typeparamref name="TFunction"/> lane by lane: the fallback for functions without a lane form.</summary>
    static abstract TSelf Map<TFunction>(TSelf x) where TFunction : IScalarFunction;

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane-wise negation.</summary>
    static abstract TSelf operator -(TSelf value);
}
