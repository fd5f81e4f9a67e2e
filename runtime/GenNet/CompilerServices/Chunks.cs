using System.ComponentModel;

namespace GenNet.CompilerServices;

/// <summary>Work spread over threads: items 0 … n−1, each run once, on any thread.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunkJob
{
    /// <summary>Runs one item.</summary>
    void Run(int item);
}

/// <summary>
/// Runs a generated network's per-row work in chunks of rows over the process's training threads. Callers give every
/// chunk its own outputs (its rows, its partial sums) and combine them in chunk order, so the result does not depend on
/// the number of threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Chunks
{
    /// <summary>
    /// Runs items 0 … <paramref name="items"/>−1 of <paramref name="job"/> on the calling thread and up to
    /// <paramref name="threads"/>−1 dedicated training threads, returning when all are done; one after another on this
    /// thread when <paramref name="threads"/> is 1, there is one item, or the threads are busy (a nested call).
    /// </summary>
    public static void Run(IChunkJob job, int items, int threads)
    {
        if (threads > 1 && items > 1 && ChunkWorkers.Shared.TryRun(job, items, threads))
        {
            return;
        }

        for (int item = 0; item < items; item++)
        {
            job.Run(item);
        }
    }
}
