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
/// depending on the number of threads — each chunk's gradient is computed into its own buffer on a team of dedicated
/// threads that stay awake between training steps (the thread pool when another caller holds the team), a few chunks
/// per thread at a time so memory stays bounded, and the buffers are added up in chunk order. The result is therefore bit-identical for any degree of parallelism
/// (1, 2 or 64 threads), and equal to <see cref="ITrainableNetwork{T}.ComputeGradient"/> up to rounding (bit-equal
/// when the batch fits in one chunk).
/// </summary>
/// <remarks>
/// The generated <c>ComputeGradient</c> only reads the weights and writes its own gradient span, so chunks can run at
/// once. Networks whose gradient has side effects are refused: batch normalisation (statistics per batch and running
/// averages) and dropout (one random stream per network), except a network that spreads its own per-row work over
/// threads (<see cref="IThreadedGradientNetwork{T}"/>: a batch-normalised image network), which gets the whole batch.
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

        if (network is IThreadedGradientNetwork<T> threaded)
        {
            // A batch-normalised image or Conv1D network: the whole batch at once, its per-row work spread by the network.
            return threaded.ComputeGradient(inputs, targets, gradient, maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism);
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
        int threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);
        int wave = (int)Math.Clamp(Math.Min(2L * threads, MaxWaveValues / parameters), 1, chunks);
        T[] partials = ArrayPool<T>.Shared.Rent(wave * parameters);
        T[] errors = ArrayPool<T>.Shared.Rent(wave);
        try
        {
            // The blog's loss is a sum over rows: add the chunks. The others are means: weight each chunk by its rows.
            bool sum = architecture.Loss == LossFunction.SumSquaredError;
            gradient.Clear();
            T error = T.Zero;
            T total = T.CreateTruncating(rows);
            fixed (T* x = inputs)
            fixed (T* y = targets)
            {
                GradientChunks<T> job = GradientChunks<T>.Rent();
                job.Set(network, (nint)x, (nint)y, rows, chunkRows, partials, errors);
                try
                {
                    for (int firstChunk = 0; firstChunk < chunks; firstChunk += wave)
                    {
                        int waveChunks = Math.Min(wave, chunks - firstChunk);
                        job.FirstChunk = firstChunk;
                        if (!ChunkWorkers.Shared.TryRun(job, waveChunks, threads))
                        {
                            Parallel.For(0, waveChunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, job.Run);
                        }

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
                finally
                {
                    job.Return();
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

/// <summary>One wave of <see cref="ParallelGradient"/>'s chunks: chunk <c>FirstChunk + k</c>'s gradient into partial
/// buffer k. Reused from call to call on the same thread, so a training step allocates nothing.</summary>
internal sealed unsafe class GradientChunks<T> : IChunkJob
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic]
    private static GradientChunks<T>? t_free;

    private ITrainableNetwork<T>? _network;
    private nint _inputs;
    private nint _targets;
    private int _rows;
    private int _chunkRows;
    private T[] _partials = [];
    private T[] _errors = [];

    public int FirstChunk { get; set; }

    /// <summary>This thread's idle job, or a new one (when a chunk's network calls back in, say).</summary>
    public static GradientChunks<T> Rent()
    {
        GradientChunks<T>? job = t_free;
        t_free = null;
        return job ?? new GradientChunks<T>();
    }

    public void Set(ITrainableNetwork<T> network, nint inputs, nint targets, int rows, int chunkRows, T[] partials, T[] errors)
    {
        (_network, _inputs, _targets, _rows, _chunkRows, _partials, _errors) = (network, inputs, targets, rows, chunkRows, partials, errors);
    }

    /// <summary>Drops the references to the caller's data and keeps the job for this thread's next call.</summary>
    public void Return()
    {
        (_network, _inputs, _targets, _partials, _errors) = (null, 0, 0, [], []);
        t_free = this;
    }

    public void Run(int k)
    {
        ITrainableNetwork<T> network = _network!;
        int inputCount = network.InputCount, outputCount = network.OutputCount, parameters = network.ParameterCount;
        int first = (FirstChunk + k) * _chunkRows;
        int count = Math.Min(_chunkRows, _rows - first);
        var chunkInputs = new ReadOnlySpan<T>((T*)_inputs + ((long)first * inputCount), count * inputCount);
        var chunkTargets = new ReadOnlySpan<T>((T*)_targets + ((long)first * outputCount), count * outputCount);
        _errors[k] = network.ComputeGradient(chunkInputs, chunkTargets, _partials.AsSpan(k * parameters, parameters));
    }
}
