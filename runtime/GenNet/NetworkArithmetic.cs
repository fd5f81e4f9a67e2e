namespace GenNet;

/// <summary>How a generated network computes: as fast as the hardware allows, or in numpy's order of operations.</summary>
public enum NetworkArithmetic
{
    /// <summary>
    /// SIMD and fused multiply-add: small networks put the rows of a batch in the lanes of a register (unrolled), large
    /// ones run register-tiled matrix kernels; the exponential is the BCL's vector <c>Exp</c>. Results agree with
    /// <see cref="NumpyCompatible"/> to rounding (a few units in the last place per operation), and each row's
    /// outputs are the same whatever batch it is predicted in. Networks with dropout or batch normalisation compute as
    /// <see cref="NumpyCompatible"/>.
    /// </summary>
    Fast = 0,

    /// <summary>
    /// Scalar code that performs numpy's operations in numpy's order: sums in ascending index order without fused
    /// multiply-add, <c>Math.Exp</c>, rows one after another. In double precision it reproduces the blog's numpy
    /// numbers (to the last bit where numpy's and .NET's <c>exp</c> agree). Several times slower than
    /// <see cref="Fast"/> on batches.
    /// </summary>
    NumpyCompatible = 1,
}
