using System.Numerics;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// How <see cref="Trainer"/> trains. The defaults are the blog's loop: full batch, 60,000 steps, α = 1, no
/// regularisation; every other option is off until set.
/// </summary>
public sealed record TrainingOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of optimizer steps (the blog's <c>for j in xrange(60000)</c>). Ignored when <see cref="Epochs"/> is set.</summary>
    public int Iterations { get; init; } = 60_000;

    /// <summary>
    /// Number of passes over the training rows. When set it replaces <see cref="Iterations"/>: the run takes
    /// <c>Epochs × ⌈trainingRows / BatchSize⌉</c> steps.
    /// </summary>
    public int? Epochs { get; init; }

    /// <summary>The step size, the blog's alpha. Must be positive and finite.</summary>
    public T LearningRate { get; init; } = T.One;

    /// <summary>
    /// Multiplies <see cref="LearningRate"/> step by step (<see cref="StepSchedule"/>, <see cref="ExponentialSchedule"/>,
    /// <see cref="CosineSchedule"/>, <see cref="InverseTimeSchedule"/>). <c>null</c>: constant.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Rows per step. 0 (the default) or at least the number of training rows means full batch, the blog's way.
    /// The last batch of an epoch holds the remaining rows and may be smaller.
    /// </summary>
    /// <remarks>The blog's loss sums over rows rather than averaging, so with it the gradient, and the right learning
    /// rate, scale with the batch size; the mean losses do not.</remarks>
    public int BatchSize { get; init; }

    /// <summary>
    /// Whether mini-batches visit the training rows in a new random order every epoch: epoch e uses the permutation that
    /// the (e+1)-th call of <c>np.random.permutation(rows)</c> returns after <c>np.random.seed(ShuffleSeed)</c>. Full-batch training never shuffles: the order would only
    /// change the rounding of the gradient's sum. Default true.
    /// </summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling (<see cref="NumpyRandom"/>): the same seed gives the same batches, and the
    /// same rows held out by <see cref="ValidationSplit"/> (drawn from a stream of their own).</summary>
    public int ShuffleSeed { get; init; }

    /// <summary>
    /// Fraction of the rows held out from training and measured after every epoch: round(split × rows) rows, at least
    /// one. Which rows: <see cref="ValidationSplitMode"/>, by default a random subset drawn with
    /// <see cref="ShuffleSeed"/> (stratified by class when the targets are one-hot rows or a single 0/1 output), so
    /// that data sorted by class still validates on every class. 0 (the default) holds out nothing; must be below 1.
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary>
    /// Which rows <see cref="ValidationSplit"/> holds out: <see cref="Training.ValidationSplitMode.Shuffled"/> (the
    /// default; seeded with <see cref="ShuffleSeed"/>, stratified for class targets) or
    /// <see cref="Training.ValidationSplitMode.Last"/> (the last rows, as Keras's <c>validation_split</c>).
    /// </summary>
    public ValidationSplitMode ValidationSplitMode { get; init; } = ValidationSplitMode.Shuffled;

    /// <summary>
    /// Early stopping: stop after this many epochs without the monitored error improving by more than
    /// <see cref="MinDelta"/>. The monitored error is the validation error when <see cref="ValidationSplit"/> holds rows
    /// out, otherwise the epoch's mean training error. 0 (the default) never stops early.
    /// </summary>
    public int Patience { get; init; }

    /// <summary>The smallest decrease of the monitored error that counts as an improvement. Default 0.</summary>
    public T MinDelta { get; init; } = T.Zero;

    /// <summary>When early stopping ends the run, put back the weights of the best epoch. Default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// L2 regularisation λ: the loss gains <c>½·λ·Σ w²</c> over every parameter (bias units included, as PyTorch's
    /// <c>weight_decay</c>), so the gradient gains <c>λ·w</c>. For weight decay decoupled from an adaptive optimizer use
    /// <see cref="AdamW"/>. Default 0.
    /// </summary>
    public T L2 { get; init; } = T.Zero;

    /// <summary>Clip every gradient component to [−c, c] before the update (delta trimming). <c>null</c>: off.</summary>
    public T? ClipValue { get; init; }

    /// <summary>Scale the gradient down to this Euclidean norm when it is longer (applied after <see cref="ClipValue"/>).
    /// <c>null</c>: off.</summary>
    public T? ClipNorm { get; init; }

    /// <summary>
    /// Stop when a step's error, gradient or updated weights are NaN or infinite, with
    /// <see cref="TrainingStatus.Diverged"/>, leaving the weights as they were before that step. Costs one copy of the
    /// weights per step. Default true.
    /// </summary>
    public bool StopOnDivergence { get; init; } = true;

    /// <summary>
    /// Rows of the data (training or validation) with NaN or infinity: <see cref="Training.NonFiniteRows.Reject"/> (the
    /// default) refuses the data before the first step, <see cref="Training.NonFiniteRows.Skip"/> trains on the other
    /// rows and counts the skipped ones in <see cref="TrainingResult{T}.SkippedRows"/>. With a
    /// <see cref="ValidationSplit"/> the rows are filtered first and the split is taken from the rows kept.
    /// </summary>
    public NonFiniteRows NonFiniteRows { get; init; } = NonFiniteRows.Reject;

    /// <summary>
    /// Report divergence in the blog's sense: the error "increasing instead of decreasing", staying above where it
    /// started. When every epoch's mean error (with full batches, every step's error) has been above the first epoch's
    /// for this many epochs in a row, <see cref="TrainingProgress{T}.Diverging"/> and
    /// <see cref="TrainingResult{T}.Diverging"/> say so. Training runs on unchanged (it is a report, not a stop: cancel
    /// from the progress handler to stop); the blog's α = 1000 run, saturated at an error of 0.5, is flagged after this
    /// many steps and still prints the blog's numbers. 0 turns the report off. Default 1,000.
    /// </summary>
    public int DivergencePatience { get; init; } = 1_000;

    /// <summary>
    /// Threads that compute each step's gradient (−1: as many as the thread pool gives). 1, the default, computes it on
    /// the calling thread (with the network's own fused step when nothing else needs the gradient first). Above 1 the batch is cut into chunks of
    /// <see cref="GradientChunkRows"/> rows whatever the thread count, so the weights come out
    /// bit-identical for 2, 4 or 16 threads (see <see cref="ParallelGradient"/>). Worth it for batches of thousands of
    /// rows of a dense network, or of tens of rows of a convolution network; not available with dropout, nor with batch
    /// normalisation except in an image network, which spreads each layer's rows over the threads itself (the same bits
    /// on any number of them; <see cref="IThreadedGradientNetwork{T}"/>).
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// With <see cref="MaxDegreeOfParallelism"/> above 1, the rows of one chunk of the batch (default
    /// <see cref="ParallelGradient.DefaultChunkRows"/>, 256): a batch of fewer rows runs on one thread. Lower it when a row
    /// is expensive (a convolution network: 32 rows are a millisecond of work) so that small batches still spread over
    /// the threads. The weights depend on it (it fixes the order of the sums), never on the thread count.
    /// </summary>
    public int GradientChunkRows { get; init; } = ParallelGradient.DefaultChunkRows;

    /// <summary>
    /// Report progress at iterations 0, K, 2K, … (the blog's <c>if j % 10000 == 0</c>), with that step's error.
    /// 0 turns these reports off; the result still carries the final error.
    /// </summary>
    public int ReportEvery { get; init; } = 10_000;

    /// <summary>Also report at the end of every K-th epoch, with the epoch's mean error and the validation error.
    /// 0 (the default): off.</summary>
    public int ReportEveryEpochs { get; init; }
}
