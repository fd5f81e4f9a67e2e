using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNet.Training;

/// <summary>One update rule applied to a vector of parameters, with up to two state values per parameter.</summary>
internal interface IElementwiseRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> state0, ref Vector<T> state1);
}

/// <summary>
/// Runs an <see cref="IElementwiseRule{T}"/> over spans in one pass, <see cref="Vector{T}.Count"/> parameters at a time.
/// </summary>
/// <remarks>
/// The adaptive rules need several intermediate values per parameter (a square root, a quotient, two moving averages);
/// a chain of <c>TensorPrimitives</c> calls would need scratch buffers and read memory once per operation, so they are
/// written once as a fused vector rule instead. The last partial vector is copied through a zero-padded stack buffer,
/// so the same rule, with the same per-element IEEE rounding, handles every parameter.
/// <para>State values that fall below the smallest normal number are set to zero after every step. A moment that
/// decays while its gradient is zero (a dead ReLU unit, an always-blank pixel's weights) becomes subnormal after a few
/// hundred steps, and x64 cores take a microcode assist of ~100 cycles for each subnormal operand: Adam on LeNet-5 ran
/// 20× slower from the second epoch on. What they would have added to a parameter is below 10⁻³⁰, under half an ulp of
/// any weight larger than about 10⁻²³, so the parameters come out the same.</para>
/// </remarks>
internal static class ElementwiseUpdate
{
    public static void Run<T, TRule>(TRule rule, Span<T> parameters, ReadOnlySpan<T> gradient, Span<T> state0, Span<T> state1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, IElementwiseRule<T>
    {
        Span<Vector<T>> p = MemoryMarshal.Cast<T, Vector<T>>(parameters);
        ReadOnlySpan<Vector<T>> g = MemoryMarshal.Cast<T, Vector<T>>(gradient);
        Span<Vector<T>> s0 = MemoryMarshal.Cast<T, Vector<T>>(state0);
        Span<Vector<T>> s1 = MemoryMarshal.Cast<T, Vector<T>>(state1);
        Vector<T> unused0 = default;
        Vector<T> unused1 = default;
        var smallestNormal = new Vector<T>(SmallestNormal<T>());
        for (int v = 0; v < p.Length; v++)
        {
            ref Vector<T> state0Values = ref s0.IsEmpty ? ref unused0 : ref s0[v];
            ref Vector<T> state1Values = ref s1.IsEmpty ? ref unused1 : ref s1[v];
            rule.Apply(ref p[v], g[v], ref state0Values, ref state1Values);
            state0Values = FlushSubnormals(state0Values, smallestNormal);
            state1Values = FlushSubnormals(state1Values, smallestNormal);
        }

        int done = p.Length * Vector<T>.Count;
        if (done < parameters.Length)
        {
            Tail(rule, parameters[done..], gradient[done..], state0.IsEmpty ? state0 : state0[done..], state1.IsEmpty ? state1 : state1[done..]);
        }
    }

    private static void Tail<T, TRule>(TRule rule, Span<T> parameters, ReadOnlySpan<T> gradient, Span<T> state0, Span<T> state1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, IElementwiseRule<T>
    {
        Span<T> buffer = stackalloc T[Vector<T>.Count];
        Vector<T> p = Load(parameters, buffer);
        Vector<T> g = Load(gradient, buffer);
        Vector<T> s0 = Load(state0, buffer);
        Vector<T> s1 = Load(state1, buffer);
        rule.Apply(ref p, g, ref s0, ref s1);
        var smallestNormal = new Vector<T>(SmallestNormal<T>());
        s0 = FlushSubnormals(s0, smallestNormal);
        s1 = FlushSubnormals(s1, smallestNormal);
        Store(p, parameters, buffer);
        Store(s0, state0, buffer);
        Store(s1, state1, buffer);
    }

    /// <summary>The values with every subnormal lane set to zero (NaN and infinity kept: they mean divergence).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> FlushSubnormals<T>(Vector<T> values, Vector<T> smallestNormal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return Vector.AndNot(values, Vector.LessThan(Vector.Abs(values), smallestNormal));
    }

    /// <summary>2⁻¹²⁶ for float, 2⁻¹⁰²² for double: the smallest positive normal number.</summary>
    private static T SmallestNormal<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return typeof(T) == typeof(float) ? T.CreateTruncating(BitConverter.Int32BitsToSingle(0x0080_0000))
            : typeof(T) == typeof(double) ? T.CreateTruncating(BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000))
            : T.Zero;
    }

    private static Vector<T> Load<T>(ReadOnlySpan<T> values, Span<T> buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        buffer.Clear();
        values.CopyTo(buffer);
        return new Vector<T>(buffer);
    }

    private static void Store<T>(Vector<T> vector, Span<T> values, Span<T> buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        vector.CopyTo(buffer);
        buffer[..values.Length].CopyTo(values);
    }
}
