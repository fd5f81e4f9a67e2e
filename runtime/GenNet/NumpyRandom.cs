using System;

namespace GenNet;

/// <summary>
/// The Mersenne Twister MT19937 exactly as numpy's legacy <c>np.random.seed(int)</c> /
/// <c>np.random.random()</c> use it, so a seed gives the same numbers here as in the blog's Python.
/// </summary>
/// <remarks>
/// Seeding is Matsumoto and Nishimura's <c>init_genrand</c>; <see cref="NextDouble"/> is their
/// <c>genrand_res53</c>, 53 random bits in [0, 1). Not cryptographically secure. Not thread-safe.
/// </remarks>
public sealed class NumpyRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds like <c>np.random.seed(seed)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The seed is negative (numpy refuses it too).</exception>
    public NumpyRandom(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Seed must be between 0 and {uint.MaxValue}; was {seed}.");
        }

        // init_genrand
        _state[0] = (uint)seed;
        for (int i = 1; i < N; i++)
        {
            uint previous = _state[i - 1];
            _state[i] = 1812433253U * (previous ^ (previous >> 30)) + (uint)i;
        }

        _index = N;
    }

    /// <summary>The next 32 random bits (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];

        // Tempering.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double uniform in [0, 1) with 53 random bits, like <c>np.random.random()</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="max"/>], drawn as numpy's legacy <c>random_interval</c> does:
    /// 32-bit draws masked to the smallest covering power of two, rejected until one is at most <paramref name="max"/>.
    /// </summary>
    public uint NextInterval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary>
    /// Shuffles <paramref name="items"/> in place exactly as <c>np.random.shuffle</c> does on a 1-D array (Fisher–Yates
    /// from the end), so <c>np.random.seed(s); np.random.permutation(n)</c> is reproduced by shuffling 0…n−1.
    /// </summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)NextInterval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with <c>2·random() − 1</c>, uniform in [−1, 1),
    /// in order, as <c>2*np.random.random(shape) - 1</c> does row-major.</summary>
    public void FillSymmetricUniform(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = 2 * NextDouble() - 1;
        }
    }

    /// <inheritdoc cref="FillSymmetricUniform(Span{double})"/>
    /// <remarks>Each value is drawn in double precision, as numpy does, then rounded to float.</remarks>
    public void FillSymmetricUniform(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)(2 * NextDouble() - 1);
        }
    }

    private void Twist()
    {
        uint[] mt = _state;
        int k;
        for (k = 0; k < N - M; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + M] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        for (; k < N - 1; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + (M - N)] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        uint last = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[N - 1] = mt[M - 1] ^ (last >> 1) ^ ((last & 1U) * MatrixA);
        _index = 0;
    }
}
