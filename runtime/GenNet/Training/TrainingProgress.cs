using System;

namespace GenNet.Training;

/// <summary>One progress report: the blog's "Error after N iterations: E" line, with timing.</summary>
/// <param name="Iteration">The iteration whose forward pass measured <paramref name="Error"/> (0-based: weights after that many updates).</param>
/// <param name="Error">Mean absolute error over the batch.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="RowsPerSecond">Training throughput so far, in rows processed per second.</param>
public readonly record struct TrainingProgress<T>(int Iteration, T Error, TimeSpan Elapsed, double RowsPerSecond);
