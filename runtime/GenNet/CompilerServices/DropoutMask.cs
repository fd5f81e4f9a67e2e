using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>
/// The random keep-or-drop decisions of inverted dropout: each call keeps a neuron with probability 1 − rate and
/// returns its scale, <c>1 / (1 − rate)</c> when kept and 0 when dropped, so the expected activation is unchanged and
/// inference needs no rescaling. Seeded and deterministic (SplitMix64); not thread-safe, like training itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DropoutMask
{
    private ulong _state;

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public DropoutMask(int seed) => Reseed(seed);

    /// <summary>Restarts the stream: the same seed gives the same masks.</summary>
    public void Reseed(int seed) => _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;

    /// <summary>0 with probability <paramref name="rate"/>, else <paramref name="keepScale"/> (which should be 1 / (1 − rate)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Next<T>(double rate, T keepScale) where T : IFloatingPointIeee754<T> =>
        NextDouble() < rate ? T.Zero : keepScale;

    private double NextDouble()
    {
        // SplitMix64 (Steele, Lea, Flood 2014): one add, two multiply-xorshifts; 53 bits to [0, 1).
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
