#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// The gate products of a float group whose stride is whole 512-bit registers of streams: for rows g of one layer,
// y[g, s] = b[g] (+ b'[g]) + Σᵢ W[i·n + g]·x[i, s] + Σⱼ R[j·n + g]·h[j, s], a small GEMM (M = the gate rows, K = inputs +
// units, N = the streams). Register blocks of 8 rows × 2 registers of streams (16 accumulators, 32 streams): per k,
// two loads of streams serve 8 rows and one broadcast weight serves 2 registers, so 16 FMAs cost 10 loads and the FMA
// pipes, not the load ports, set the pace; 16 independent chains cover the FMA latency. The bias starts each sum, then
// the inputs, then the previous h, one chain per accumulator (Step's order, but for its four interleaved chains).
// Callers checked every size (CheckLayer): rows ≤ n, 16 | stride, and the weights, biases, x, h and y hold them.
public static partial class StreamKernels
{
    private const int Width512 = 16;

    // Rows g < rows of y (rows of stride): bias (+ secondBias when twoBiases) + W·x (inputs rows, may be 0) + R·h
    // (units rows); W and R rows are n apart. One call per product and group; the blocks are inlined loops.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Product512(ref float bias, ref float secondBias, ref float w, ref float x, int inputs, ref float r, ref float h,
        int units, int n, ref float y, int rows, int stride, bool twoBiases)
    {
        int g = 0;
        if (stride % (2 * Width512) == 0)
        {
            for (; g <= rows - 8; g += 8)
            {
                for (int s = 0; s < stride; s += 2 * Width512)
                {
                    Block8x2(ref bias, ref secondBias, ref w, ref x, inputs, ref r, ref h, units, n, ref y, g, s, stride, twoBiases);
                }
            }
        }
        else
        {
            for (; g <= rows - 8; g += 8)
            {
                for (int s = 0; s < stride; s += Width512)
                {
                    Block8x1(ref bias, ref secondBias, ref w, ref x, inputs, ref r, ref h, units, n, ref y, g, s, stride, twoBiases);
                }
            }
        }

        // Rows left over (a width not a multiple of 8), one register at a time.
        for (; g < rows; g++)
        {
            for (int s = 0; s < stride; s += Width512)
            {
                Vector512<float> a = Start(ref bias, ref secondBias, g, twoBiases);
                for (int i = 0; i < inputs; i++)
                {
                    a = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, (i * n) + g)), Vector512.LoadUnsafe(ref x, (nuint)((i * stride) + s)), a);
                }

                for (int j = 0; j < units; j++)
                {
                    a = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref r, (j * n) + g)), Vector512.LoadUnsafe(ref h, (nuint)((j * stride) + s)), a);
                }

                a.StoreUnsafe(ref y, (nuint)((g * stride) + s));
            }
        }
    }

    // Rows g … g + 7, streams s … s + 31.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x2(ref float bias, ref float secondBias, ref float w, ref float x, int inputs, ref float r, ref float h,
        int units, int n, ref float y, int g, int s, int stride, bool twoBiases)
    {
        Vector512<float> a00 = Start(ref bias, ref secondBias, g, twoBiases), a01 = a00;
        Vector512<float> a10 = Start(ref bias, ref secondBias, g + 1, twoBiases), a11 = a10;
        Vector512<float> a20 = Start(ref bias, ref secondBias, g + 2, twoBiases), a21 = a20;
        Vector512<float> a30 = Start(ref bias, ref secondBias, g + 3, twoBiases), a31 = a30;
        Vector512<float> a40 = Start(ref bias, ref secondBias, g + 4, twoBiases), a41 = a40;
        Vector512<float> a50 = Start(ref bias, ref secondBias, g + 5, twoBiases), a51 = a50;
        Vector512<float> a60 = Start(ref bias, ref secondBias, g + 6, twoBiases), a61 = a60;
        Vector512<float> a70 = Start(ref bias, ref secondBias, g + 7, twoBiases), a71 = a70;
        ref float row = ref Unsafe.Add(ref w, g);
        ref float values = ref Unsafe.Add(ref x, s);
        for (int i = 0; i < inputs; i++)
        {
            Vector512<float> v0 = Vector512.LoadUnsafe(ref values), v1 = Vector512.LoadUnsafe(ref values, Width512);
            Vector512<float> w0 = Vector512.Create(row);
            a00 = Vector512.FusedMultiplyAdd(w0, v0, a00);
            a01 = Vector512.FusedMultiplyAdd(w0, v1, a01);
            Vector512<float> w1 = Vector512.Create(Unsafe.Add(ref row, 1));
            a10 = Vector512.FusedMultiplyAdd(w1, v0, a10);
            a11 = Vector512.FusedMultiplyAdd(w1, v1, a11);
            Vector512<float> w2 = Vector512.Create(Unsafe.Add(ref row, 2));
            a20 = Vector512.FusedMultiplyAdd(w2, v0, a20);
            a21 = Vector512.FusedMultiplyAdd(w2, v1, a21);
            Vector512<float> w3 = Vector512.Create(Unsafe.Add(ref row, 3));
            a30 = Vector512.FusedMultiplyAdd(w3, v0, a30);
            a31 = Vector512.FusedMultiplyAdd(w3, v1, a31);
            Vector512<float> w4 = Vector512.Create(Unsafe.Add(ref row, 4));
            a40 = Vector512.FusedMultiplyAdd(w4, v0, a40);
            a41 = Vector512.FusedMultiplyAdd(w4, v1, a41);
            Vector512<float> w5 = Vector512.Create(Unsafe.Add(ref row, 5));
            a50 = Vector512.FusedMultiplyAdd(w5, v0, a50);
            a51 = Vector512.FusedMultiplyAdd(w5, v1, a51);
            Vector512<float> w6 = Vector512.Create(Unsafe.Add(ref row, 6));
            a60 = Vector512.FusedMultiplyAdd(w6, v0, a60);
            a61 = Vector512.FusedMultiplyAdd(w6, v1, a61);
            Vector512<float> w7 = Vector512.Create(Unsafe.Add(ref row, 7));
            a70 = Vector512.FusedMultiplyAdd(w7, v0, a70);
            a71 = Vector512.FusedMultiplyAdd(w7, v1, a71);
            row = ref Unsafe.Add(ref row, n);
            values = ref Unsafe.Add(ref values, stride);
        }

        row = ref Unsafe.Add(ref r, g);
        values = ref Unsafe.Add(ref h, s);
        for (int j = 0; j < units; j++)
        {
            Vector512<float> v0 = Vector512.LoadUnsafe(ref values), v1 = Vector512.LoadUnsafe(ref values, Width512);
            Vector512<float> w0 = Vector512.Create(row);
            a00 = Vector512.FusedMultiplyAdd(w0, v0, a00);
            a01 = Vector512.FusedMultiplyAdd(w0, v1, a01);
            Vector512<float> w1 = Vector512.Create(Unsafe.Add(ref row, 1));
            a10 = Vector512.FusedMultiplyAdd(w1, v0, a10);
            a11 = Vector512.FusedMultiplyAdd(w1, v1, a11);
            Vector512<float> w2 = Vector512.Create(Unsafe.Add(ref row, 2));
            a20 = Vector512.FusedMultiplyAdd(w2, v0, a20);
            a21 = Vector512.FusedMultiplyAdd(w2, v1, a21);
            Vector512<float> w3 = Vector512.Create(Unsafe.Add(ref row, 3));
            a30 = Vector512.FusedMultiplyAdd(w3, v0, a30);
            a31 = Vector512.FusedMultiplyAdd(w3, v1, a31);
            Vector512<float> w4 = Vector512.Create(Unsafe.Add(ref row, 4));
            a40 = Vector512.FusedMultiplyAdd(w4, v0, a40);
            a41 = Vector512.FusedMultiplyAdd(w4, v1, a41);
            Vector512<float> w5 = Vector512.Create(Unsafe.Add(ref row, 5));
            a50 = Vector512.FusedMultiplyAdd(w5, v0, a50);
            a51 = Vector512.FusedMultiplyAdd(w5, v1, a51);
            Vector512<float> w6 = Vector512.Create(Unsafe.Add(ref row, 6));
            a60 = Vector512.FusedMultiplyAdd(w6, v0, a60);
            a61 = Vector512.FusedMultiplyAdd(w6, v1, a61);
            Vector512<float> w7 = Vector512.Create(Unsafe.Add(ref row, 7));
            a70 = Vector512.FusedMultiplyAdd(w7, v0, a70);
            a71 = Vector512.FusedMultiplyAdd(w7, v1, a71);
            row = ref Unsafe.Add(ref row, n);
            values = ref Unsafe.Add(ref values, stride);
        }

        ref float o = ref Unsafe.Add(ref y, (g * stride) + s);
        a00.StoreUnsafe(ref o);
        a01.StoreUnsafe(ref o, Width512);
        a10.StoreUnsafe(ref Unsafe.Add(ref o, stride));
        a11.StoreUnsafe(ref Unsafe.Add(ref o, stride), Width512);
        a20.StoreUnsafe(ref Unsafe.Add(ref o, 2 * stride));
        a21.StoreUnsafe(ref Unsafe.Add(ref o, 2 * stride), Width512);
        a30.StoreUnsafe(ref Unsafe.Add(ref o, 3 * stride));
        a31.StoreUnsafe(ref Unsafe.Add(ref o, 3 * stride), Width512);
        a40.StoreUnsafe(ref Unsafe.Add(ref o, 4 * stride));
        a41.StoreUnsafe(ref Unsafe.Add(ref o, 4 * stride), Width512);
        a50.StoreUnsafe(ref Unsafe.Add(ref o, 5 * stride));
        a51.StoreUnsafe(ref Unsafe.Add(ref o, 5 * stride), Width512);
        a60.StoreUnsafe(ref Unsafe.Add(ref o, 6 * stride));
        a61.StoreUnsafe(ref Unsafe.Add(ref o, 6 * stride), Width512);
        a70.StoreUnsafe(ref Unsafe.Add(ref o, 7 * stride));
        a71.StoreUnsafe(ref Unsafe.Add(ref o, 7 * stride), Width512);
    }

    // Rows g … g + 7, streams s … s + 15 (a stride of 16: 8 chains, each broadcast weight serving one register).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x1(ref float bias, ref float secondBias, ref float w, ref float x, int inputs, ref float r, ref float h,
        int units, int n, ref float y, int g, int s, int stride, bool twoBiases)
    {
        Vector512<float> a00 = Start(ref bias, ref secondBias, g, twoBiases);
        Vector512<float> a10 = Start(ref bias, ref secondBias, g + 1, twoBiases);
        Vector512<float> a20 = Start(ref bias, ref secondBias, g + 2, twoBiases);
        Vector512<float> a30 = Start(ref bias, ref secondBias, g + 3, twoBiases);
        Vector512<float> a40 = Start(ref bias, ref secondBias, g + 4, twoBiases);
        Vector512<float> a50 = Start(ref bias, ref secondBias, g + 5, twoBiases);
        Vector512<float> a60 = Start(ref bias, ref secondBias, g + 6, twoBiases);
        Vector512<float> a70 = Start(ref bias, ref secondBias, g + 7, twoBiases);
        ref float row = ref Unsafe.Add(ref w, g);
        ref float values = ref Unsafe.Add(ref x, s);
        for (int i = 0; i < inputs; i++)
        {
            Vector512<float> v0 = Vector512.LoadUnsafe(ref values);
            a00 = Vector512.FusedMultiplyAdd(Vector512.Create(row), v0, a00);
            a10 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 1)), v0, a10);
            a20 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 2)), v0, a20);
            a30 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 3)), v0, a30);
            a40 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 4)), v0, a40);
            a50 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 5)), v0, a50);
            a60 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 6)), v0, a60);
            a70 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 7)), v0, a70);
            row = ref Unsafe.Add(ref row, n);
            values = ref Unsafe.Add(ref values, stride);
        }

        row = ref Unsafe.Add(ref r, g);
        values = ref Unsafe.Add(ref h, s);
        for (int j = 0; j < units; j++)
        {
            Vector512<float> v0 = Vector512.LoadUnsafe(ref values);
            a00 = Vector512.FusedMultiplyAdd(Vector512.Create(row), v0, a00);
            a10 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 1)), v0, a10);
            a20 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 2)), v0, a20);
            a30 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 3)), v0, a30);
            a40 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 4)), v0, a40);
            a50 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 5)), v0, a50);
            a60 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 6)), v0, a60);
            a70 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, 7)), v0, a70);
            row = ref Unsafe.Add(ref row, n);
            values = ref Unsafe.Add(ref values, stride);
        }

        ref float o = ref Unsafe.Add(ref y, (g * stride) + s);
        a00.StoreUnsafe(ref o);
        a10.StoreUnsafe(ref Unsafe.Add(ref o, stride));
        a20.StoreUnsafe(ref Unsafe.Add(ref o, 2 * stride));
        a30.StoreUnsafe(ref Unsafe.Add(ref o, 3 * stride));
        a40.StoreUnsafe(ref Unsafe.Add(ref o, 4 * stride));
        a50.StoreUnsafe(ref Unsafe.Add(ref o, 5 * stride));
        a60.StoreUnsafe(ref Unsafe.Add(ref o, 6 * stride));
        a70.StoreUnsafe(ref Unsafe.Add(ref o, 7 * stride));
    }

    // The start of row g: its bias, or the two biases' sum rounded once (as Step's Wb + Rb).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Start(ref float bias, ref float secondBias, int g, bool twoBiases) =>
        Vector512.Create(twoBiases ? Unsafe.Add(ref bias, g) + Unsafe.Add(ref secondBias, g) : Unsafe.Add(ref bias, g));
}
#endif
