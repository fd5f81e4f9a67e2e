namespace GenNet;

/// <summary>How <c>InitializeWeights(seed)</c> draws a network's starting parameters. Every scheme draws from
/// <see cref="NumpyRandom"/>, so a seed always gives the same weights.</summary>
public enum WeightInitialization
{
    /// <summary>
    /// The blog's: every parameter (biases too) <c>2·u − 1</c>, uniform in [−1, 1), in parameter order — exactly
    /// <c>np.random.seed(seed); synapse_0 = 2*np.random.random(shape) - 1; …</c>. Good for small sigmoid networks.
    /// </summary>
    Uniform = 0,

    /// <summary>Glorot/Xavier uniform: weights uniform in ±√(6 / (fan_in + fan_out)), biases 0. Suits sigmoid, tanh,
    /// softmax and wide layers, where [−1, 1) would saturate the neurons.</summary>
    Xavier = 1,

    /// <summary>He (Kaiming) uniform: weights uniform in ±√(6 / fan_in), biases 0. Suits ReLU and LeakyReLU.</summary>
    He = 2,
}
