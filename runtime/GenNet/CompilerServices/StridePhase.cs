using System.ComponentModel;
using System.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// The phase of a strided Conv1D layer, kept in its state as a value of the element type: 0 … s − 1, 0 meaning that the
/// next sample is convolved. A state written by hand may hold anything there, so reading it is total.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StridePhase
{
    /// <summary>The phase that <paramref name="stored"/> stands for: its whole part modulo <paramref name="stride"/>;
    /// 0 for a negative, NaN or infinite value.</summary>
    public static int Read<T>(T stored, int stride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(stored) || stored < T.One)
        {
            return 0;
        }

        return (int)(long.CreateSaturating(stored) % stride);
    }

    /// <summary>The phase after one more sample: <c>(phase + 1) mod stride</c>.</summary>
    public static T Next<T>(int phase, int stride)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        phase + 1 == stride ? T.Zero : T.CreateTruncating(phase + 1);
}
