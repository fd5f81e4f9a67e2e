#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The float cells on 512-bit registers (16 units each) for layers whose units fill whole registers: intrinsics written
// out (no lane wrappers to draw on the inlining budget), the recurrent product in two interleaved chains (even and odd
// previous units: half the dependent FMAs of one chain), σ = 1/(1 + e^(−x)) with SingleExp and tanh rational as in
// Eigen (GateMath), RTNeural's two functions. The arguments were checked by the public entry points; every index
// below stays inside them: k + 16 ≤ U, rows i < inputs and j + 1 < U (U even) of G·U weights, biases of G·U.
public static partial class RecurrentCells
{
    private const int Units512 = 16;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Gru512(ReadOnlySpan<float> x, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> w, ReadOnlySpan<float> r,
        ReadOnlySpan<float> wb, ReadOnlySpan<float> rb, Span<float> h, Span<float> scratch)
    {
        int units = hPrevious.Length, width = 3 * units, inputs = x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float hs = ref MemoryMarshal.GetReference(hPrevious);
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float rs = ref MemoryMarshal.GetReference(r);
        ref float wbs = ref MemoryMarshal.GetReference(wb);
        ref float rbs = ref MemoryMarshal.GetReference(rb);

        // One register of units writes h directly (every read of the previous h comes first); more go through scratch.
        ref float output = ref units == Units512 ? ref MemoryMarshal.GetReference(h) : ref MemoryMarshal.GetReference(scratch);
        for (int k = 0; k < units; k += Units512)
        {
            // z and r: Wb + Rb; the candidate's input side Wb and recurrent side Rb apart (r scales only the latter).
            Vector512<float> z = Vector512.LoadUnsafe(ref wbs, (nuint)k) + Vector512.LoadUnsafe(ref rbs, (nuint)k);
            Vector512<float> reset = Vector512.LoadUnsafe(ref wbs, (nuint)(units + k)) + Vector512.LoadUnsafe(ref rbs, (nuint)(units + k));
            Vector512<float> inputSide = Vector512.LoadUnsafe(ref wbs, (nuint)((2 * units) + k));
            Vector512<float> recurrentSide = Vector512.LoadUnsafe(ref rbs, (nuint)((2 * units) + k));

            // += xₜ·W for the three gate columns of these units.
            for (int i = 0; i < inputs; i++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref ws, (i * width) + k);
                z = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row), z);
                reset = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, (nuint)units), reset);
                inputSide = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, (nuint)(2 * units)), inputSide);
            }

            // += hₜ₋₁·R, even units into the first chain, odd units into the second.
            Vector512<float> z1 = Vector512<float>.Zero, reset1 = Vector512<float>.Zero, recurrentSide1 = Vector512<float>.Zero;
            for (int j = 0; j < units; j += 2)
            {
                Vector512<float> hj = Vector512.Create(Unsafe.Add(ref hs, j));
                ref float row = ref Unsafe.Add(ref rs, (j * width) + k);
                z = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row), z);
                reset = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row, (nuint)units), reset);
                recurrentSide = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row, (nuint)(2 * units)), recurrentSide);

                Vector512<float> hk = Vector512.Create(Unsafe.Add(ref hs, j + 1));
                ref float next = ref Unsafe.Add(ref row, width);
                z1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next), z1);
                reset1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next, (nuint)units), reset1);
                recurrentSide1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next, (nuint)(2 * units)), recurrentSide1);
            }

            // zₜ, rₜ = σ(…); h̃ₜ = tanh(input side + rₜ ⊙ recurrent side); hₜ = h̃ₜ + zₜ ⊙ (hₜ₋₁ − h̃ₜ).
            z = GateMath.Sigmoid(z + z1);
            reset = GateMath.Sigmoid(reset + reset1);
            Vector512<float> candidate = GateMath.Tanh(Vector512.FusedMultiplyAdd(reset, recurrentSide + recurrentSide1, inputSide));
            Vector512<float> previous = Vector512.LoadUnsafe(ref hs, (nuint)k);
            Vector512.FusedMultiplyAdd(z, previous - candidate, candidate).StoreUnsafe(ref output, (nuint)k);
        }

        if (units != Units512)
        {
            scratch[..units].CopyTo(h); // only now: every block read the whole previous h
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Lstm512(ReadOnlySpan<float> x, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, ReadOnlySpan<float> w,
        ReadOnlySpan<float> r, ReadOnlySpan<float> wb, ReadOnlySpan<float> rb, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int units = hPrevious.Length, width = 4 * units, inputs = x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float hs = ref MemoryMarshal.GetReference(hPrevious);
        ref float cs = ref MemoryMarshal.GetReference(cPrevious);
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float rs = ref MemoryMarshal.GetReference(r);
        ref float wbs = ref MemoryMarshal.GetReference(wb);
        ref float rbs = ref MemoryMarshal.GetReference(rb);

        // One register of units writes h and c directly (every read of the previous ones comes first); more go
        // through scratch (h, then c).
        bool direct = units == Units512;
        ref float hOut = ref direct ? ref MemoryMarshal.GetReference(h) : ref MemoryMarshal.GetReference(scratch);
        ref float cOut = ref direct ? ref MemoryMarshal.GetReference(c) : ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), units);
        for (int k = 0; k < units; k += Units512)
        {
            // Gate columns i, o, f, c of these units: Wb + Rb, then += xₜ·W.
            Vector512<float> input = Vector512.LoadUnsafe(ref wbs, (nuint)k) + Vector512.LoadUnsafe(ref rbs, (nuint)k);
            Vector512<float> output = Vector512.LoadUnsafe(ref wbs, (nuint)(units + k)) + Vector512.LoadUnsafe(ref rbs, (nuint)(units + k));
            Vector512<float> forget = Vector512.LoadUnsafe(ref wbs, (nuint)((2 * units) + k)) + Vector512.LoadUnsafe(ref rbs, (nuint)((2 * units) + k));
            Vector512<float> cell = Vector512.LoadUnsafe(ref wbs, (nuint)((3 * units) + k)) + Vector512.LoadUnsafe(ref rbs, (nuint)((3 * units) + k));
            for (int i = 0; i < inputs; i++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref ws, (i * width) + k);
                input = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row), input);
                output = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, (nuint)units), output);
                forget = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, (nuint)(2 * units)), forget);
                cell = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, (nuint)(3 * units)), cell);
            }

            // += hₜ₋₁·R, even units into the first chain, odd units into the second.
            Vector512<float> input1 = Vector512<float>.Zero, output1 = Vector512<float>.Zero;
            Vector512<float> forget1 = Vector512<float>.Zero, cell1 = Vector512<float>.Zero;
            for (int j = 0; j < units; j += 2)
            {
                Vector512<float> hj = Vector512.Create(Unsafe.Add(ref hs, j));
                ref float row = ref Unsafe.Add(ref rs, (j * width) + k);
                input = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row), input);
                output = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row, (nuint)units), output);
                forget = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row, (nuint)(2 * units)), forget);
                cell = Vector512.FusedMultiplyAdd(hj, Vector512.LoadUnsafe(ref row, (nuint)(3 * units)), cell);

                Vector512<float> hk = Vector512.Create(Unsafe.Add(ref hs, j + 1));
                ref float next = ref Unsafe.Add(ref row, width);
                input1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next), input1);
                output1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next, (nuint)units), output1);
                forget1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next, (nuint)(2 * units)), forget1);
                cell1 = Vector512.FusedMultiplyAdd(hk, Vector512.LoadUnsafe(ref next, (nuint)(3 * units)), cell1);
            }

            // iₜ, oₜ, fₜ = σ(…), c̃ₜ = tanh(…); cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ; hₜ = oₜ ⊙ tanh(cₜ).
            input = GateMath.Sigmoid(input + input1);
            output = GateMath.Sigmoid(output + output1);
            forget = GateMath.Sigmoid(forget + forget1);
            cell = GateMath.Tanh(cell + cell1);
            Vector512<float> state = Vector512.FusedMultiplyAdd(forget, Vector512.LoadUnsafe(ref cs, (nuint)k), input * cell);
            (output * GateMath.Tanh(state)).StoreUnsafe(ref hOut, (nuint)k);
            state.StoreUnsafe(ref cOut, (nuint)k);
        }

        if (!direct)
        {
            scratch[..units].CopyTo(h); // only now: every block read the whole previous h and c
            scratch.Slice(units, units).CopyTo(c);
        }
    }

    private static ReadOnlySpan<float> Single<T>(ReadOnlySpan<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);

    private static Span<float> Single<T>(Span<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);
}
#endif
