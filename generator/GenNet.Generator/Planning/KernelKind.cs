namespace GenNet.Generator.Planning;

/// <summary>The kinds of kernel body a network's training and batch prediction run on; one body emitter each.</summary>
internal enum KernelKind
{
    /// <summary>numpy's operations in numpy's order, unrolled or in loops (<c>NetworkArithmetic.NumpyCompatible</c>,
    /// and networks with dropout or batch normalisation).</summary>
    Scalar,

    /// <summary>Small networks on the fast path: unrolled, one SIMD lane per row.</summary>
    Lanes,

    /// <summary>Large networks on the fast path: register-tiled matrix kernels across neurons.</summary>
    Blocked,
}
