using System;

namespace GenNet.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler synchronously, on the training thread, in order.
/// (<see cref="Progress{T}"/> posts to the captured context or the thread pool, so console output may arrive late
/// or out of order.)
/// </summary>
public sealed class ProgressCallback<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    /// <summary>Wraps <paramref name="handler"/>.</summary>
    public ProgressCallback(Action<T> handler) => _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc />
    public void Report(T value) => _handler(value);
}
