using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Activations;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// The activation of a streaming layer's outputs (Conv1D), with RTNeural's tanh and sigmoid (<c>GateMath</c>:
/// Eigen's rational tanh and 1/(1 + e^(−x)), within a few ulp) for float where AVX-512 is there; any other activation,
/// type or machine goes to <see cref="ActivationLanes"/>. Tanh's precise lanes (series, exponential and a division)
/// cost about as much as a 16-channel layer's three taps; these a fraction of it. Training and streaming call the same
/// function, so a stream stays bit-identical to its sequence and its gradient to its forward pass.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GateActivations
{
    /// <summary><c>values[i] = f(values[i])</c>.</summary>
    public static void Activate<TActivation, T>(Span<T> values)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
        {
            if (typeof(TActivation) == typeof(Tanh))
            {
                ActivateSingle<TanhGate>(MemoryMarshal.Cast<T, float>(values));
                return;
            }

            if (typeof(TActivation) == typeof(Sigmoid))
            {
                ActivateSingle<SigmoidGate>(MemoryMarshal.Cast<T, float>(values));
                return;
            }
        }
#endif

        ActivationLanes.Activate<TActivation, T>(values);
    }
#if NET9_0_OR_GREATER

    private static void ActivateSingle<TGate>(Span<float> values)
        where TGate : struct, IGate
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i <= values.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            TGate.Apply(Vector512.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
        }

        if (values.Length - i >= Vector256<float>.Count)
        {
            // Eight channels (a layer of 8, or the end of 24): the lower half of a register, in and out of registers.
            Vector512<float> half = Vector512.Create(Vector256.LoadUnsafe(ref start, (nuint)i), Vector256<float>.Zero);
            TGate.Apply(half).GetLower().StoreUnsafe(ref start, (nuint)i);
            i += Vector256<float>.Count;
        }

        if (i < values.Length)
        {
            // The last channels through one zero-padded register, so that every channel gets the same function.
            Span<float> padded = stackalloc float[Vector512<float>.Count];
            padded.Clear();
            Span<float> rest = values.Slice(i);
            rest.CopyTo(padded);
            TGate.Apply(Vector512.Create<float>(padded)).CopyTo(padded);
            padded.Slice(0, rest.Length).CopyTo(rest);
        }
    }

    private interface IGate
    {
        static abstract Vector512<float> Apply(Vector512<float> x);
    }

    private readonly struct TanhGate : IGate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x) => GateMath.Tanh(x);
    }

    private readonly struct SigmoidGate : IGate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x) => GateMath.Sigmoid(x);
    }
#endif
}
