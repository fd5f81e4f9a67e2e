#if NET9_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The float cells on 512-bit registers (16 units each) for layers whose units fill whole registers: intrinsics written
// out (no lane wrappers to draw on the inlining budget), the recurrent product in four interleaved chains (a quarter of
// the dependent FMAs of one chain), σ = 1/(1 + e^(−x)) with SingleExp and tanh rational as in Eigen (GateMath),
// RTNeural's two functions. The arguments were checked by the public entry points; every index below stays inside
// them: k + 16 ≤ U, rows i < inputs and j + 3 < U (U a multiple of 16) of G·U weights, biases of G·U.
public static partial class RecurrentCells
{
    private const int Units512 = 16;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Gru512(ReadOnlySpan<float> x, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> w, ReadOnlySpan<float> r,
        ReadOnlySpan<float> wb, ReadOnlySpan<float> rb, Span<float> h, Span<float> scratch)
    {
        int units = hPrevious.Length, width = 3 * units, inputs = x.Length;
        nuint gate1 = (nuint)units, gate2 = (nuint)(2 * units);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float hs = ref MemoryMarshal.GetReference(hPrevious);
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float rs = ref MemoryMarshal.GetReference(r);
        ref float wbs = ref MemoryMarshal.GetReference(wb);
        ref float rbs = ref MemoryMarshal.GetReference(rb);

        // One register of units runs through in registers and writes h directly (every read of the previous h comes
        // first). More run in two passes: every block's z sum and tanh argument into scratch (all reads of the previous h
        // done), then the nonlinearities and updates of all blocks, independent chains the core overlaps.
        bool direct = units == Units512;
        ref float hOut = ref MemoryMarshal.GetReference(h);
        ref float sums = ref MemoryMarshal.GetReference(scratch);
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
                ref float weights = ref Unsafe.Add(ref ws, (i * width) + k);
                z = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights), z);
                reset = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights, gate1), reset);
                inputSide = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights, gate2), inputSide);
            }

            // += hₜ₋₁·R in four interleaved chains (previous unit j into chain j mod 4), a row pointer stepping down R.
            Vector512<float> z1 = Vector512<float>.Zero, reset1 = Vector512<float>.Zero, recurrentSide1 = Vector512<float>.Zero;
            Vector512<float> z2 = Vector512<float>.Zero, reset2 = Vector512<float>.Zero, recurrentSide2 = Vector512<float>.Zero;
            Vector512<float> z3 = Vector512<float>.Zero, reset3 = Vector512<float>.Zero, recurrentSide3 = Vector512<float>.Zero;
            ref float row = ref Unsafe.Add(ref rs, k);
            ref float hj = ref hs;
            for (int j = 0; j < units; j += 4)
            {
                Vector512<float> h0 = Vector512.Create(hj);
                z = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row), z);
                reset = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row, gate1), reset);
                recurrentSide = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row, gate2), recurrentSide);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h1 = Vector512.Create(Unsafe.Add(ref hj, 1));
                z1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row), z1);
                reset1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row, gate1), reset1);
                recurrentSide1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row, gate2), recurrentSide1);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h2 = Vector512.Create(Unsafe.Add(ref hj, 2));
                z2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row), z2);
                reset2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row, gate1), reset2);
                recurrentSide2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row, gate2), recurrentSide2);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h3 = Vector512.Create(Unsafe.Add(ref hj, 3));
                z3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row), z3);
                reset3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row, gate1), reset3);
                recurrentSide3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row, gate2), recurrentSide3);
                row = ref Unsafe.Add(ref row, width);
                hj = ref Unsafe.Add(ref hj, 4);
            }

            z += z1 + (z2 + z3);
            reset += reset1 + (reset2 + reset3);
            recurrentSide += recurrentSide1 + (recurrentSide2 + recurrentSide3);

            // rₜ = σ(…), then the candidate's argument: input side + rₜ ⊙ recurrent side.
            Vector512<float> argument = Vector512.FusedMultiplyAdd(GateMath.Sigmoid(reset), recurrentSide, inputSide);
            if (direct)
            {
                GruUpdate(z, argument, ref hs, ref hOut, 0);
            }
            else
            {
                z.StoreUnsafe(ref sums, (nuint)k);
                argument.StoreUnsafe(ref sums, gate1 + (nuint)k);
            }
        }

        if (!direct)
        {
            for (int k = 0; k < units; k += Units512)
            {
                GruUpdate(Vector512.LoadUnsafe(ref sums, (nuint)k), Vector512.LoadUnsafe(ref sums, gate1 + (nuint)k), ref hs, ref hOut, (nuint)k);
            }
        }
    }

    // zₜ = σ(…); h̃ₜ = tanh(argument); hₜ = h̃ₜ + zₜ ⊙ (hₜ₋₁ − h̃ₜ), for units k … k + 15.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruUpdate(Vector512<float> z, Vector512<float> argument, ref float hPrevious, ref float h, nuint k)
    {
        z = GateMath.Sigmoid(z);
        Vector512<float> candidate = GateMath.Tanh(argument);
        Vector512<float> previous = Vector512.LoadUnsafe(ref hPrevious, k);
        Vector512.FusedMultiplyAdd(z, previous - candidate, candidate).StoreUnsafe(ref h, k);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Lstm512(ReadOnlySpan<float> x, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, ReadOnlySpan<float> w,
        ReadOnlySpan<float> r, ReadOnlySpan<float> wb, ReadOnlySpan<float> rb, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int units = hPrevious.Length, width = 4 * units, inputs = x.Length;
        nuint gate1 = (nuint)units, gate2 = (nuint)(2 * units), gate3 = (nuint)(3 * units);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float hs = ref MemoryMarshal.GetReference(hPrevious);
        ref float cs = ref MemoryMarshal.GetReference(cPrevious);
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float rs = ref MemoryMarshal.GetReference(r);
        ref float wbs = ref MemoryMarshal.GetReference(wb);
        ref float rbs = ref MemoryMarshal.GetReference(rb);

        // One register of units runs through in registers and writes h and c directly (every read of the previous ones
        // comes first). More run in two passes: every block's gate sums into scratch (all reads of the previous h done),
        // then the nonlinearities and updates of all blocks, independent chains the core overlaps, written directly.
        bool direct = units == Units512;
        ref float hOut = ref MemoryMarshal.GetReference(h);
        ref float cOut = ref MemoryMarshal.GetReference(c);
        ref float sums = ref MemoryMarshal.GetReference(scratch);
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
                ref float weights = ref Unsafe.Add(ref ws, (i * width) + k);
                input = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights), input);
                output = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights, gate1), output);
                forget = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights, gate2), forget);
                cell = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref weights, gate3), cell);
            }

            // += hₜ₋₁·R in four interleaved chains (previous unit j into chain j mod 4), a row pointer stepping down R.
            Vector512<float> input1 = Vector512<float>.Zero, output1 = Vector512<float>.Zero, forget1 = Vector512<float>.Zero, cell1 = Vector512<float>.Zero;
            Vector512<float> input2 = Vector512<float>.Zero, output2 = Vector512<float>.Zero, forget2 = Vector512<float>.Zero, cell2 = Vector512<float>.Zero;
            Vector512<float> input3 = Vector512<float>.Zero, output3 = Vector512<float>.Zero, forget3 = Vector512<float>.Zero, cell3 = Vector512<float>.Zero;
            ref float row = ref Unsafe.Add(ref rs, k);
            ref float hj = ref hs;
            for (int j = 0; j < units; j += 4)
            {
                Vector512<float> h0 = Vector512.Create(hj);
                input = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row), input);
                output = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row, gate1), output);
                forget = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row, gate2), forget);
                cell = Vector512.FusedMultiplyAdd(h0, Vector512.LoadUnsafe(ref row, gate3), cell);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h1 = Vector512.Create(Unsafe.Add(ref hj, 1));
                input1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row), input1);
                output1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row, gate1), output1);
                forget1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row, gate2), forget1);
                cell1 = Vector512.FusedMultiplyAdd(h1, Vector512.LoadUnsafe(ref row, gate3), cell1);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h2 = Vector512.Create(Unsafe.Add(ref hj, 2));
                input2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row), input2);
                output2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row, gate1), output2);
                forget2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row, gate2), forget2);
                cell2 = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref row, gate3), cell2);
                row = ref Unsafe.Add(ref row, width);

                Vector512<float> h3 = Vector512.Create(Unsafe.Add(ref hj, 3));
                input3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row), input3);
                output3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row, gate1), output3);
                forget3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row, gate2), forget3);
                cell3 = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref row, gate3), cell3);
                row = ref Unsafe.Add(ref row, width);
                hj = ref Unsafe.Add(ref hj, 4);
            }

            input += input1 + (input2 + input3);
            output += output1 + (output2 + output3);
            forget += forget1 + (forget2 + forget3);
            cell += cell1 + (cell2 + cell3);

            if (direct)
            {
                LstmUpdate(input, output, forget, cell, ref cs, ref hOut, ref cOut, 0);
            }
            else
            {
                input.StoreUnsafe(ref sums, (nuint)k);
                output.StoreUnsafe(ref sums, gate1 + (nuint)k);
                forget.StoreUnsafe(ref sums, gate2 + (nuint)k);
                cell.StoreUnsafe(ref sums, gate3 + (nuint)k);
            }
        }

        if (!direct)
        {
            for (int k = 0; k < units; k += Units512)
            {
                LstmUpdate(Vector512.LoadUnsafe(ref sums, (nuint)k), Vector512.LoadUnsafe(ref sums, gate1 + (nuint)k),
                    Vector512.LoadUnsafe(ref sums, gate2 + (nuint)k), Vector512.LoadUnsafe(ref sums, gate3 + (nuint)k), ref cs, ref hOut, ref cOut, (nuint)k);
            }
        }
    }

    // iₜ, oₜ, fₜ = σ(…), c̃ₜ = tanh(…); cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ; hₜ = oₜ ⊙ tanh(cₜ), for units k … k + 15.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmUpdate(Vector512<float> input, Vector512<float> output, Vector512<float> forget, Vector512<float> cell,
        ref float cPrevious, ref float h, ref float c, nuint k)
    {
        input = GateMath.Sigmoid(input);
        output = GateMath.Sigmoid(output);
        forget = GateMath.Sigmoid(forget);
        cell = GateMath.Tanh(cell);
        Vector512<float> state = Vector512.FusedMultiplyAdd(forget, Vector512.LoadUnsafe(ref cPrevious, k), input * cell);
        (output * GateMath.Tanh(state)).StoreUnsafe(ref h, k);
        state.StoreUnsafe(ref c, k);
    }

    private static ReadOnlySpan<float> Single<T>(ReadOnlySpan<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);

    private static Span<float> Single<T>(Span<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);
}
#endif
