using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenNet.CompilerServices;

/// <summary>
/// Keeps the calls that change a network (training steps, <see cref="Training.Trainer"/> runs, weight initialisation and
/// loading) from overlapping on two threads: each takes the network's monitor, the lock <c>lock (network)</c> takes,
/// without waiting, and throws <see cref="InvalidOperationException"/> when another thread holds it. Calls on the thread
/// that holds it nest freely (a <see cref="Training.Trainer"/> run calls <c>TrainStep</c>).
/// </summary>
/// <remarks>
/// Overlapping training calls would otherwise corrupt the run silently: they share the network's gradient buffer and
/// weights. <c>Predict</c> does not take the lock (it stays wait-free and scales across threads); predicting while
/// another thread trains is unsupported: see the README's "Guarantees". To serialise the two, wrap both in
/// <c>lock (network) { … }</c>, which this rule respects.
/// <para>
/// Saves read the weights through <see cref="Snapshot{TResult}(object, Func{TResult})"/>, which waits for the lock
/// instead of refusing: a save taken while another thread trains holds the weights after one whole step. A step that
/// finds the lock held by a snapshot waits for it (the copy is short) rather than being refused.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrainingLock
{
    /// <summary>Takes <paramref name="network"/>'s lock for a call that changes it.</summary>
    /// <exception cref="InvalidOperationException">Another thread holds the lock: it is training the network, changing its
    /// weights, or has locked it.</exception>
    public static void Enter(object network)
    {
        ArgumentNullException.ThrowIfNull(network);
        bool taken = false;
        Monitor.TryEnter(network, ref taken);
        if (!taken)
        {
            EnterContended(network);
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> while holding <paramref name="network"/>'s lock, so that what it reads (a copy of
    /// the weights, for a save) is the state after a whole step, never part of one. Unlike <see cref="Enter"/> it waits
    /// for the lock: for the training step in progress on another thread, or for a whole <see cref="Training.Trainer"/>
    /// or optimizer run, which holds the lock from start to end (to save during a run, save from its callback, on the
    /// training thread, where the lock nests). A <c>TrainStep</c> that starts on another thread while
    /// <paramref name="read"/> runs waits for it (up to <see cref="ReaderWait"/>) instead of being refused, so keep
    /// <paramref name="read"/> short: copy, then write the copy outside.
    /// </summary>
    /// <returns>What <paramref name="read"/> returns.</returns>
    /// <exception cref="TimeoutException">The lock was not free within <paramref name="timeout"/>.</exception>
    public static TResult Snapshot<TResult>(object network, Func<TResult> read, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(read);
        ReaderCount readers;
        lock (Readers)
        {
            readers = Readers.GetValue(network, _ => new ReaderCount());
            readers.Count++;
        }

        try
        {
            bool taken = false;
            Monitor.TryEnter(network, timeout, ref taken);
            if (!taken)
            {
                throw new TimeoutException(
                    $"{network.GetType().Name} was being trained for the whole {timeout} this snapshot waited (a Trainer run holds its lock from start to end).");
            }

            try
            {
                return read();
            }
            finally
            {
                Monitor.Exit(network);
            }
        }
        finally
        {
            // Unmarked only after the exit: a step that found the lock taken by this reader still sees the mark below.
            lock (Readers)
            {
                if (--readers.Count == 0)
                {
                    Readers.Remove(network);
                }
            }
        }
    }

    /// <summary>As <see cref="Snapshot{TResult}(object, Func{TResult}, TimeSpan)"/>, waiting as long as it takes.</summary>
    public static TResult Snapshot<TResult>(object network, Func<TResult> read) => Snapshot(network, read, Timeout.InfiniteTimeSpan);

    /// <summary>How long a training call waits for a <see cref="Snapshot{TResult}(object, Func{TResult})"/> that holds or
    /// awaits the lock before it is refused as overlapping.</summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromSeconds(10);

    // Networks with a snapshot waiting for or holding their lock. Only consulted when Enter finds the lock taken, so
    // the uncontended path (every step of a single-threaded run) costs nothing more.
    private static readonly ConditionalWeakTable<object, ReaderCount> Readers = new();

    private sealed class ReaderCount
    {
        public int Count;
    }

    private static void EnterContended(object network)
    {
        bool taken = false;
        if (Readers.TryGetValue(network, out _))
        {
            Monitor.TryEnter(network, ReaderWait, ref taken); // a save copying the weights: wait for it
        }
        else
        {
            Monitor.TryEnter(network, ref taken); // a reader may have left between the first try and the look-up
        }

        if (!taken)
        {
            ThrowBusy(network);
        }
    }

    /// <summary>Releases the lock taken by <see cref="Enter"/>.</summary>
    public static void Exit(object network) => Monitor.Exit(network);

    /// <summary>
    /// Checks that the calling thread holds <paramref name="network"/>'s lock, for steps that run inside a caller's
    /// <see cref="Enter"/>/<see cref="Exit"/> instead of taking it themselves (<c>TrainStepUnchecked</c>, which
    /// <see cref="Training.Trainer"/> calls while it holds the lock for its whole run). Cheaper than entering again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the lock.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnsureHeld(object network)
    {
        if (!Monitor.IsEntered(network))
        {
            ThrowNotHeld(network);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotHeld(object network) =>
        throw new InvalidOperationException(
            $"This step of {network.GetType().Name} skips the checks that TrainStep makes and must run inside TrainingLock.Enter/Exit " +
            "on the calling thread, as Trainer does; call TrainStep instead.");

    [DoesNotReturn]
    private static void ThrowBusy(object network) =>
        throw new InvalidOperationException(
            $"Another thread is training or changing this {network.GetType().Name} (or holds lock on it). Calls that change a network " +
            "(TrainStep, Trainer.Train, InitializeWeights, loading weights) must not overlap; train a network from one thread at a time.");
}
