using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet.CompilerServices;

/// <summary>Max pooling over 2×2 windows of stride 2 (LeNet's pools): no loops over the window, no branches on the data.</summary>
public static partial class Pooling2DKernels
{
    private static bool IsHalving(in Pooling2DShape s) => s.PoolHeight == 2 && s.PoolWidth == 2 && s.StrideY == 2 && s.StrideX == 2;

    // Window (a b / c d), taken in row-major order with the first-maximum rule of the general path:
    //   m = a;  if (b > m) m = b;  if (c > m) m = c;  if (d > m) m = d
    // as compare-and-select, which keeps NaN and signed zeros exactly as the scalar rule has them.
    // Forward (inputGradient empty): output[k] = m. Backward: inputGradient gets outputGradient[k] at the chosen value and
    // zero at the window's other three; values no window covers (an odd last row or column) get zero.
    private static void MaxHalving<T>(in Pooling2DShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> output, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool backward = !inputGradient.IsEmpty;
        int outHeight = s.OutHeight, outWidth = s.OutWidth, width = s.Width, planeLength = s.Height * width, k = 0;
        // Four windows at a time from two rows of eight floats (SSE's even/odd shuffles split a row into a,b or c,d).
        int vectorWidth = typeof(T) == typeof(float) && Sse.IsSupported ? outWidth & ~3 : 0;
        for (int c = 0; c < s.Channels; c++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                int top = (c * planeLength) + (2 * i * width);
                if (vectorWidth > 0)
                {
                    ref float x = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(input));
                    if (backward)
                    {
                        ref float dy = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(outputGradient));
                        ref float dx = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(inputGradient));
                        BackwardRowSse(ref x, ref dy, ref dx, top, width, k, vectorWidth);
                    }
                    else
                    {
                        ref float y = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(output));
                        ForwardRowSse(ref x, ref y, top, width, k, vectorWidth);
                    }
                }

                for (int j = vectorWidth; j < outWidth; j++)
                {
                    int n = top + (2 * j);
                    T a = input[n], b = input[n + 1], cc = input[n + width], d = input[n + width + 1];
                    T max = a;
                    int at = 0;
                    if (b > max) { max = b; at = 1; }
                    if (cc > max) { max = cc; at = 2; }
                    if (d > max) { max = d; at = 3; }
                    if (backward)
                    {
                        T g = outputGradient[k + j];
                        inputGradient[n] = at == 0 ? g : T.Zero;
                        inputGradient[n + 1] = at == 1 ? g : T.Zero;
                        inputGradient[n + width] = at == 2 ? g : T.Zero;
                        inputGradient[n + width + 1] = at == 3 ? g : T.Zero;
                    }
                    else
                    {
                        output[k + j] = max;
                    }
                }

                if (backward && (width & 1) != 0)
                {
                    inputGradient[top + width - 1] = T.Zero;
                    inputGradient[top + (2 * width) - 1] = T.Zero;
                }

                k += outWidth;
            }

            if (backward && (s.Height & 1) != 0)
            {
                inputGradient.Slice((c * planeLength) + ((s.Height - 1) * width), width).Clear();
            }
        }
    }

    private static void ForwardRowSse(ref float x, ref float y, int top, int width, int k, int vectorWidth)
    {
        for (int j = 0; j < vectorWidth; j += 4)
        {
            Window(ref x, top + (2 * j), width, out Vector128<float> a, out Vector128<float> b, out Vector128<float> c, out Vector128<float> d);
            Vector128<float> m = a;
            m = Vector128.ConditionalSelect(Vector128.GreaterThan(b, m), b, m);
            m = Vector128.ConditionalSelect(Vector128.GreaterThan(c, m), c, m);
            m = Vector128.ConditionalSelect(Vector128.GreaterThan(d, m), d, m);
            m.StoreUnsafe(ref y, (nuint)(k + j));
        }
    }

    private static void BackwardRowSse(ref float x, ref float dy, ref float dx, int top, int width, int k, int vectorWidth)
    {
        for (int j = 0; j < vectorWidth; j += 4)
        {
            int n = top + (2 * j);
            Window(ref x, n, width, out Vector128<float> a, out Vector128<float> b, out Vector128<float> c, out Vector128<float> d);
            Vector128<float> overA = Vector128.GreaterThan(b, a);
            Vector128<float> m = Vector128.ConditionalSelect(overA, b, a);
            Vector128<float> overB = Vector128.GreaterThan(c, m);
            m = Vector128.ConditionalSelect(overB, c, m);
            Vector128<float> overC = Vector128.GreaterThan(d, m);

            // The gradient goes to the last value that beat every one before it: d if it did, else c, else b, else a.
            Vector128<float> g = Vector128.LoadUnsafe(ref dy, (nuint)(k + j));
            Vector128<float> gd = g & overC;
            Vector128<float> gc = Vector128.AndNot(g & overB, overC);
            Vector128<float> gb = Vector128.AndNot(Vector128.AndNot(g & overA, overB), overC);
            Vector128<float> ga = Vector128.AndNot(Vector128.AndNot(Vector128.AndNot(g, overA), overB), overC);
            Sse.UnpackLow(ga, gb).StoreUnsafe(ref dx, (nuint)n);
            Sse.UnpackHigh(ga, gb).StoreUnsafe(ref dx, (nuint)(n + 4));
            Sse.UnpackLow(gc, gd).StoreUnsafe(ref dx, (nuint)(n + width));
            Sse.UnpackHigh(gc, gd).StoreUnsafe(ref dx, (nuint)(n + width + 4));
        }
    }

    // Four 2×2 windows starting at x[n]: a, b the even and odd values of the upper eight, c, d of the lower eight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Window(ref float x, int n, int width, out Vector128<float> a, out Vector128<float> b, out Vector128<float> c, out Vector128<float> d)
    {
        Vector128<float> upper0 = Vector128.LoadUnsafe(ref x, (nuint)n), upper1 = Vector128.LoadUnsafe(ref x, (nuint)(n + 4));
        Vector128<float> lower0 = Vector128.LoadUnsafe(ref x, (nuint)(n + width)), lower1 = Vector128.LoadUnsafe(ref x, (nuint)(n + width + 4));
        a = Sse.Shuffle(upper0, upper1, 0b10_00_10_00);
        b = Sse.Shuffle(upper0, upper1, 0b11_01_11_01);
        c = Sse.Shuffle(lower0, lower1, 0b10_00_10_00);
        d = Sse.Shuffle(lower0, lower1, 0b11_01_11_01);
    }
}
