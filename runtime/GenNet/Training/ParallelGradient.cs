using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using GenNet;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// The full-batch gradient of a large batch on several threads. Rows are cut into chunks of a fixed size — never
/// depending on the number of threads — each chunk's gradient is computed on the thread pool into its own buffer (a few
/// chunks per thread at a time, so memory stays bounded), and the buffers are added up in chunk order. The result is therefore bit-identical for any degree of parallelism
/// (1, 2 or 64 threads), and equal to <see cref="ITrainableNetwork{T}.ComputeGradient"/> up to rounding (bit-equal
/// when the batch fits in one chunk).
/// </summary>
/// <remarks>
/// The generated <c>ComputeGradient</c> only reads the weights and writes its own gradient span, so chunks can run at
/// once. Networks whose gradient has side effects are refused: batch normalisation (statistics per batch and running
/// averages) and dropout (one random stream per network).
/// </remarks>
public static class ParallelGradient
{
    /// <summary>Rows per chunk unless told otherwise: large enough to amortise scheduling, small enough to spread.</summary>
    public const int DefaultChunkRows = 256;

    // At most this many partial-gradient values are held at once (16 M: 128 MiB in double), unless one gradient is larger.
    private const long MaxWaveValues = 1L << 24;

    /// <summary>
    /// Computes what <see cref="ITrainableNetwork{T}.ComputeGradient"/> computes over all rows, using up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (−1: as many as the pool gives).
    /// </summary>
    /// <returns>The reported error of the whole batch (the row-weighted mean of the chunks' errors).</returns>
    /// <exception cref="ArgumentException">Sizes do not match, or the network uses batch normalisation or dropout.</exception>
    public static unsafe T Compute<T>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        Span<T> gradient,
        int maxDegreeOfParallelism = -1,
        int chunkRows = DefaultChunkRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use −1 (no limit) or a positive number of threads.");
        }

        NetworkArchitecture architecture = network.Architecture;
        if (architecture.BatchNormalization || architecture.DropoutRate > 0)
        {
            throw new ArgumentException(
                $"A network with {(architecture.BatchNormalization ? "batch normalisation" : "dropout")} cannot compute its gradient in parallel chunks: "
                + "its gradient depends on the whole batch or on one random stream. Use ComputeGradient.",
                nameof(network));
        }

        // Checked here, on the calling thread: a refusal inside Parallel.For would arrive wrapped in an AggregateException.
        int rows = Guard.TrainingRows(inputs, network.InputCount, targets, network.OutputCount);
        int parameters = network.ParameterCount;
        Guard.Length<T>(gradient, parameters);
        int chunks = (rows + chunkRows - 1) / chunkRows;
        if (chunks == 1)
        {
            return network.ComputeGradient(inputs, targets, gradient);
        }

        // Chunks run in waves of a few per thread, so that the partial gradients held at once stay bounded (a wave, not
        // the whole batch, of gradients). The waves only group the work: the sum below runs in chunk order whatever the
        // wave, so the bits do not depend on it.
        int threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        int wave = (int)Math.Clamp(Math.Min(2L * threads, MaxWaveValues / parameters), 1, chunks);
        T[] partials = ArrayPool<T>.Shared.Rent(wave * parameters);
        T[] errors = ArrayPool<T>.Shared.Rent(wave);
        try
        {
            int inputCount = network.InputCount, outputCount = network.OutputCount;

            // The blog's loss is a sum over rows: add the chunks. The others are means: weight each chunk by its rows.
            bool sum = architecture.Loss == LossFunction.SumSquaredError;
            gradient.Clear();
            T error = T.Zero;
            T total = T.CreateTruncating(rows);
            fixed (T* x = inputs)
            fixed (T* y = targets)
            {
                nint xAddress = (nint)x, yAddress = (nint)y;
                for (int firstChunk = 0; firstChunk < chunks; firstChunk += wave)
                {
                    int waveChunks = Math.Min(wave, chunks - firstChunk);
                    Parallel.For(0, waveChunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, k =>
                    {
                        int first = (firstChunk + k) * chunkRows;
                        int count = Math.Min(chunkRows, rows - first);
                        var chunkInputs = new ReadOnlySpan<T>((T*)xAddress + ((long)first * inputCount), count * inputCount);
                        var chunkTargets = new ReadOnlySpan<T>((T*)yAddress + ((long)first * outputCount), count * outputCount);
                        errors[k] = network.ComputeGradient(chunkInputs, chunkTargets, partials.AsSpan(k * parameters, parameters));
                    });

                    for (int k = 0; k < waveChunks; k++)
                    {
                        int chunk = firstChunk + k;
                        T weight = T.CreateTruncating(Math.Min(chunkRows, rows - (chunk * chunkRows))) / total;
                        ReadOnlySpan<T> partial = partials.AsSpan(k * parameters, parameters);
                        if (sum)
                        {
                            TensorPrimitives.Add<T>(gradient, partial, gradient);
                        }
                        else
                        {
                            TensorPrimitives.MultiplyAdd<T>(partial, weight, gradient, gradient);
                        }

                        error += errors[k] * weight;
                    }
                }
            }

            return error;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
            ArrayPool<T>.Shared.Return(errors);
        }
    }
}
