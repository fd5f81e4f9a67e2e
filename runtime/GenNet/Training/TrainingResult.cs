using System;

namespace GenNet.Training;

/// <summary>What a training run did.</summary>
/// <param name="Iterations">Steps completed.</param>
/// <param name="FinalError">Mean absolute error of the last step's forward pass.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Canceled">True when a cancellation request stopped the run early.</param>
public readonly record struct TrainingResult<T>(int Iterations, T FinalError, TimeSpan Elapsed, bool Canceled);
