namespace GenNet;

/// <summary>The number type a generated network computes in.</summary>
public enum NetworkPrecision
{
    /// <summary>64-bit <see cref="double"/>: reproduces numpy's float64 results.</summary>
    Double = 0,

    /// <summary>32-bit <see cref="float"/>: half the memory, twice the SIMD lanes.</summary>
    Single = 1,
}
