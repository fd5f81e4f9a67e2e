using System;

namespace GenNet.Tests.Infrastructure;

/// <summary>The thread's allocation counter, read so that the runtime's own allocations do not fail a test.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes a warm <paramref name="run"/> allocates on this thread, the least of up to <paramref name="attempts"/> runs
    /// (stopping at 0): the runtime may allocate once mid-run (a method tiering up, a type loading), but an allocation
    /// of the code under test shows in every run. One run warms up first unless the caller did (<paramref name="warmUp"/>).
    /// </summary>
    public static long SteadyState(Action run, int attempts = 3, bool warmUp = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (warmUp)
        {
            run(); // JIT, tiering, static initialisation and the array pool's per-thread cache
        }

        long least = long.MaxValue;
        for (int attempt = 0; attempt < attempts && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
