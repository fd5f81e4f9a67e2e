using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace GenNet.CompilerServices;

/// <summary>
/// A process-wide team of dedicated threads for the training step's chunks. The thread pool's <c>Parallel.For</c>
/// costs a training step of two 1-ms chunks about a third of its time on a 2-core machine (a pool worker woken for every
/// step arrives late, and the calling thread often runs both chunks); these threads stay awake between the steps of a
/// run — they spin for <see cref="SpinTicks"/> before they sleep — so the next step's chunks start at once. One caller at
/// a time: a second concurrent caller is told to use the pool instead.
/// </summary>
/// <remarks>
/// Which thread runs which item is not fixed (items are claimed in order from a shared counter); callers that need
/// reproducible results give every item its own output and combine them in item order afterwards.
/// </remarks>
internal sealed class ChunkWorkers
{
    // A step's serial part (optimizer update, next batch's copy) is tens of microseconds; spin well past that, then sleep.
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private static ChunkWorkers? s_shared;

    private readonly object _gate = new();
    private readonly int _workers;
    private int _busy;

    // The posted job: written by the caller before _generation moves, read by the workers after they see it move.
    private IChunkJob? _job;
    private int _items;
    private int _next;
    private int _running;
    private int _generation;

    // Worker i runs the job of generation _signals[i] once it differs from the last it ran: only the workers a job asks
    // for are signalled, and the caller waits for them all before it posts the next, so none can run a job twice.
    private readonly int[] _signals;
    private ExceptionDispatchInfo? _failure;

    /// <summary>A team of its own, for tests that must not share <see cref="Shared"/> with others running at once.</summary>
    internal static ChunkWorkers Create(int workers) => new(workers);

    private ChunkWorkers(int workers)
    {
        _workers = workers;
        _signals = new int[workers];
        for (int i = 0; i < workers; i++)
        {
            var thread = new Thread(Work) { IsBackground = true, Name = $"GenNet gradient worker {i + 1}" };
            thread.Start(i);
        }
    }

    /// <summary>The team for this process: one thread fewer than the processors (the caller is the last member).</summary>
    public static ChunkWorkers Shared
    {
        get
        {
            ChunkWorkers? team = Volatile.Read(ref s_shared);
            if (team is null)
            {
                Interlocked.CompareExchange(ref s_shared, new ChunkWorkers(Math.Max(Environment.ProcessorCount - 1, 0)), null);
                team = s_shared!;
            }

            return team;
        }
    }

    /// <summary>Threads that can join the caller.</summary>
    public int Workers => _workers;

    /// <summary>
    /// Runs items 0 … <paramref name="items"/>−1 on the calling thread and up to <paramref name="threads"/>−1 of the team,
    /// returning when all are done. Returns false, having run nothing, when another caller is using the team (or this
    /// caller already is, from inside an item). An item's exception is rethrown here after the others have finished.
    /// </summary>
    public bool TryRun(IChunkJob job, int items, int threads)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            _job = job;
            _items = items;
            _next = 0;
            _failure = null;
            int helpers = Math.Clamp(Math.Min(threads, items) - 1, 0, _workers);
            Volatile.Write(ref _running, helpers);
            if (helpers > 0)
            {
                lock (_gate)
                {
                    _generation++;
                    for (int i = 0; i < helpers; i++)
                    {
                        _signals[i] = _generation;
                    }

                    Monitor.PulseAll(_gate);
                }
            }

            RunItems();
            SpinWait spinner = default;
            while (Volatile.Read(ref _running) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            _job = null;
            _failure?.Throw();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Work(object? state)
    {
        int index = (int)state!;
        int seen = 0;
        while (true)
        {
            seen = WaitForJob(index, seen);
            RunItems();
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Spins a millisecond for the next job, then sleeps until one is posted; returns its generation.</summary>
    private int WaitForJob(int index, int seen)
    {
        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _signals[index]) == seen)
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
            {
                lock (_gate)
                {
                    while (_signals[index] == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }

                break;
            }

            Thread.SpinWait(32);
        }

        return Volatile.Read(ref _signals[index]);
    }

    private void RunItems()
    {
        IChunkJob job = _job!;
        int item;
        while ((item = Interlocked.Increment(ref _next) - 1) < _items)
        {
            try
            {
                job.Run(item);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
            }
        }
    }
}
