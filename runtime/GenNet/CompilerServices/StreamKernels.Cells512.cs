#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The GRU and LSTM cells of a float group of whole 512-bit registers of streams, after Product512 wrote the gate sums:
// every register of 16 streams of every unit independent of the others, one loop with one inlined copy of the gate
// nonlinearities (the out-of-order core overlaps the iterations), written in place over the state (all its reads by the
// products are done). The functions and the order of operations are the single-stream Step's (RecurrentCells.Single512.cs:
// GateMath's σ and Eigen's rational tanh), so a stream's state agrees with Step's to rounding of the sums' order.
public static partial class StreamKernels
{
    // gates: i, o, f, c blocks of units rows each; h and c: units rows. All rows of stride. Two passes, so that no
    // iteration is one long dependent chain (σ, then c, then tanh(c): about 200 cycles for about 100 instructions, more
    // than the scheduler holds to overlap the next one): first the four gates (four independent chains) and c, with
    // oₜ kept in its gate row; then h = oₜ ⊙ tanh(cₜ), short independent iterations.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LstmCells512(ref float gates, ref float h, ref float c, int units, int stride)
    {
        nuint n = (nuint)(units * stride);
        for (nuint k = 0; k < n; k += Width512)
        {
            Vector512<float> input = GateMath.Sigmoid(Vector512.LoadUnsafe(ref gates, k));
            Vector512<float> forget = GateMath.Sigmoid(Vector512.LoadUnsafe(ref gates, (2 * n) + k));
            Vector512<float> cell = GateMath.Tanh(Vector512.LoadUnsafe(ref gates, (3 * n) + k));
            GateMath.Sigmoid(Vector512.LoadUnsafe(ref gates, n + k)).StoreUnsafe(ref gates, n + k);
            Vector512.FusedMultiplyAdd(forget, Vector512.LoadUnsafe(ref c, k), input * cell).StoreUnsafe(ref c, k);
        }

        for (nuint k = 0; k < n; k += Width512)
        {
            (Vector512.LoadUnsafe(ref gates, n + k) * GateMath.Tanh(Vector512.LoadUnsafe(ref c, k))).StoreUnsafe(ref h, k);
        }
    }

    // gates: the z and r sums, then the candidate's recurrent side (Rb + hR); its input side, Wb + xW, is summed here
    // from inputBias and w (width = 3·units rows apart), x (inputs rows). h: units rows. Two passes, as the LSTM's:
    // first zₜ and the candidate's argument (into their gate rows), then the candidate and the update.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GruCells512(ref float gates, ref float inputBias, ref float w, ref float x, int inputs, ref float h, int units, int width, int stride)
    {
        nuint n = (nuint)(units * stride);
        ref float candidateBias = ref Unsafe.Add(ref inputBias, 2 * units);
        ref float candidateWeights = ref Unsafe.Add(ref w, 2 * units);
        for (int u = 0; u < units; u++)
        {
            for (int s = 0; s < stride; s += Width512)
            {
                nuint k = (nuint)((u * stride) + s);
                Vector512<float> inputSide = Vector512.Create(Unsafe.Add(ref candidateBias, u));
                for (int i = 0; i < inputs; i++)
                {
                    inputSide = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref candidateWeights, (i * width) + u)), Vector512.LoadUnsafe(ref x, (nuint)((i * stride) + s)), inputSide);
                }

                // rₜ = σ(…) and the candidate's argument, input side + rₜ ⊙ recurrent side, as Step computes them.
                Vector512.FusedMultiplyAdd(GateMath.Sigmoid(Vector512.LoadUnsafe(ref gates, n + k)), Vector512.LoadUnsafe(ref gates, (2 * n) + k), inputSide).StoreUnsafe(ref gates, (2 * n) + k);
                GateMath.Sigmoid(Vector512.LoadUnsafe(ref gates, k)).StoreUnsafe(ref gates, k);
            }
        }

        // Step's GruUpdate: h̃ₜ = tanh(argument), hₜ = zₜ ⊙ (hₜ₋₁ − h̃ₜ) + h̃ₜ.
        for (nuint k = 0; k < n; k += Width512)
        {
            Vector512<float> candidate = GateMath.Tanh(Vector512.LoadUnsafe(ref gates, (2 * n) + k));
            Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref gates, k), Vector512.LoadUnsafe(ref h, k) - candidate, candidate).StoreUnsafe(ref h, k);
        }
    }
}
#endif
