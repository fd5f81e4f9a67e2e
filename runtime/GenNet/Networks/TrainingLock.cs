using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenNet.Networks;

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
/// </remarks>
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
