using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using GenNet;
using GenNet.CompilerServices;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// One call of <see cref="Trainer"/>: the data split into training and validation rows, every buffer allocated once,
/// and the loop over steps and epochs.
/// </summary>
internal ref struct TrainingRun<T, TOptimizer>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptimizer : struct, IOptimizer
{
    private readonly ITrainableNetwork<T> _network;
    private readonly Span<T> _parameters;
    private readonly ReadOnlySpan<T> _inputs;
    private readonly ReadOnlySpan<T> _targets;
    private readonly ReadOnlySpan<T> _validationInputs;
    private readonly ReadOnlySpan<T> _validationTargets;
    private readonly TrainingOptions<T> _options;
    private readonly TOptimizer _optimizer;
    private readonly IProgress<TrainingProgress<T>>? _progress;
    private readonly ITrainingObserver<T>? _observer;

    private readonly int _inputCount;
    private readonly int _outputCount;
    private readonly int _trainingRows;
    private readonly int _batchSize;
    private readonly int _batchesPerEpoch;
    private readonly int _totalIterations;

    // The blog's path: plain gradient descent with nothing between gradient and update runs the network's fused step.
    private readonly bool _fused;

    private readonly T[]? _gradient;
    private readonly T[] _optimizerState;
    private readonly T[]? _snapshot;
    private readonly T[]? _bestWeights;
    private readonly T[]? _validationOutputs;
    private readonly T[]? _batchInputs;
    private readonly T[]? _batchTargets;
    private readonly int[]? _order;
    private readonly NumpyRandom? _random;

    private long _start;
    private long _rowsProcessed;
    private T _validationError;

    public TrainingRun(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        ReadOnlySpan<T> validationInputs,
        ReadOnlySpan<T> validationTargets,
        TrainingOptions<T> options,
        TOptimizer optimizer,
        IProgress<TrainingProgress<T>>? progress,
        ITrainingObserver<T>? observer)
    {
        Validate(options);
        _network = network;
        _parameters = network.Parameters;
        _inputs = inputs;
        _targets = targets;
        _validationInputs = validationInputs;
        _validationTargets = validationTargets;
        _options = options;
        _optimizer = optimizer;
        _progress = progress;
        _observer = observer;
        _inputCount = network.InputCount;
        _outputCount = network.OutputCount;
        _trainingRows = inputs.Length / _inputCount;
        _batchSize = options.BatchSize == 0 ? _trainingRows : Math.Min(options.BatchSize, _trainingRows);
        _batchesPerEpoch = (_trainingRows + _batchSize - 1) / _batchSize;
        long total = options.Epochs is int epochs ? (long)epochs * _batchesPerEpoch : options.Iterations;
        _totalIterations = total <= int.MaxValue
            ? (int)total
            : throw new ArgumentOutOfRangeException(nameof(options), total, $"{options.Epochs} epochs of {_batchesPerEpoch} batches is {total} steps; at most {int.MaxValue} are supported.");

        if (options.MaxDegreeOfParallelism == 0 || options.MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be −1 (no limit) or positive.");
        }

        if (options.GradientChunkRows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GradientChunkRows, "GradientChunkRows must be positive.");
        }

        _fused = typeof(TOptimizer) == typeof(Sgd) && observer is null && options.Schedule is null
            && options.L2 == T.Zero && options.ClipValue is null && options.ClipNorm is null
            && options.MaxDegreeOfParallelism == 1;

        int parameterCount = network.ParameterCount;
        _gradient = _fused ? null : new T[parameterCount];
        _optimizerState = new T[checked(optimizer.StatePerParameter * parameterCount)];
        _snapshot = options.StopOnDivergence ? new T[parameterCount] : null;
        _bestWeights = options.Patience > 0 && options.RestoreBestWeights ? new T[parameterCount] : null;
        _validationOutputs = validationInputs.IsEmpty ? null : new T[validationTargets.Length];
        if (options.Shuffle && _batchSize < _trainingRows)
        {
            _order = new int[_trainingRows];
            _random = new NumpyRandom(options.ShuffleSeed);
            _batchInputs = new T[_batchSize * _inputCount];
            _batchTargets = new T[_batchSize * _outputCount];
        }

        _validationError = T.NaN;
    }

    // Run, FusedStep, Step and GatherBatch are compiled fully optimised on their first call (AggressiveOptimization), as
    // are the generated steps they call and the update and finiteness kernels (GradientDescent.Apply, Kernels.IsFiniteAll).
    // A trainer is hot from its first step, and tiered compilation would run all of it as unoptimised tier-0 code until
    // the runtime's call-counting delay (100 ms without new tier-0 methods) had passed: the blog's 60,000 steps took
    // about 100 ms in a fresh process against 13 ms warm; now about 21 ms, most of the difference the JIT's own time.
    // The price is Dynamic PGO, which does not instrument methods compiled this way. Measured with and without the
    // attribute on the blog's 3-4-1 net, the warm step through Trainer is about 5% slower with it (216 against 207 ns in
    // numpy order, 100 against 97 ns on the fast path), all of it in the trainer's own methods and kernels; on the
    // generated step bodies it cost nothing measurable (a warm TrainStep loop took 201 ns with it and without).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TrainingResult<T> Run(CancellationToken cancellationToken)
    {
        _start = Stopwatch.GetTimestamp();
        var status = TrainingStatus.Completed;
        T lastError = T.NaN;
        T epochErrorSum = T.Zero;
        var divergence = new DivergenceWatch<T>(_options.DivergencePatience);
        int epochRows = 0;
        int epochsDone = 0;
        T best = T.PositiveInfinity;
        int bestEpoch = -1;
        int epochsWithoutImprovement = 0;

        // iteration = epoch · _batchesPerEpoch + batch, and the next progress report's iteration, kept by counting
        // rather than dividing on every step.
        int epoch = 0;
        int batch = -1;
        int reportEvery = _progress is null ? 0 : _options.ReportEvery;
        int nextReport = 0;
        int iteration = 0;
        for (; iteration < _totalIterations; iteration++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                status = TrainingStatus.Canceled;
                break;
            }

            if (++batch == _batchesPerEpoch)
            {
                batch = 0;
                epoch++;
            }

            if (batch == 0 && _order is not null)
            {
                NewPermutation();
            }

            int firstRow = batch * _batchSize;
            int rows = Math.Min(_batchSize, _trainingRows - firstRow);
            SelectBatch(firstRow, rows, out ReadOnlySpan<T> x, out ReadOnlySpan<T> y);
            T learningRate = LearningRateAt(iteration, epoch);

            bool diverged;
            lastError = _fused
                ? FusedStep(x, y, learningRate, out diverged)
                : Step(iteration, x, y, learningRate, out diverged);
            if (diverged)
            {
                status = TrainingStatus.Diverged;
                break;
            }

            _rowsProcessed += rows;
            epochErrorSum += lastError * T.CreateChecked(rows);
            epochRows += rows;
            if (iteration == nextReport && reportEvery > 0)
            {
                nextReport += reportEvery; // past int.MaxValue it turns negative, and no later iteration matches it
                Report(iteration, epoch, lastError, learningRate, isEpochEnd: false, divergence.Diverging);
            }

            if (batch != _batchesPerEpoch - 1)
            {
                continue;
            }

            // End of an epoch: validation, epoch report, early stopping.
            epochsDone = epoch + 1;
            T epochError = epochErrorSum / T.CreateChecked(epochRows);
            epochErrorSum = T.Zero;
            divergence.Observe(epochError, iteration);
            epochRows = 0;
            if (_validationOutputs is not null)
            {
                _validationError = Validate();
            }

            if (_progress is not null && _options.ReportEveryEpochs > 0 && epochsDone % _options.ReportEveryEpochs == 0)
            {
                Report(iteration, epoch, epochError, learningRate, isEpochEnd: true, divergence.Diverging);
            }

            if (_options.Patience > 0)
            {
                T monitored = _validationOutputs is not null ? _validationError : epochError;
                if (monitored < best - _options.MinDelta)
                {
                    best = monitored;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (_bestWeights is not null)
                    {
                        _parameters.CopyTo(_bestWeights);
                    }
                }
                else if (++epochsWithoutImprovement >= _options.Patience)
                {
                    status = TrainingStatus.EarlyStopped;
                    if (_bestWeights is not null && bestEpoch >= 0)
                    {
                        _bestWeights.CopyTo(_parameters);
                    }

                    iteration++;
                    break;
                }
            }
        }

        return new TrainingResult<T>(iteration, lastError, Stopwatch.GetElapsedTime(_start), status == TrainingStatus.Canceled)
        {
            Status = status,
            Epochs = epochsDone,
            ValidationError = _validationError,
            BestError = bestEpoch >= 0 ? best : T.NaN,
            BestEpoch = bestEpoch,
            Diverging = divergence.Diverging,
            DivergingSince = divergence.Diverging ? divergence.RisingSince : -1,
        };
    }

    /// <summary>
    /// The blog's step, plain gradient descent with nothing between gradient and update: the network's fused step.
    /// Returns the batch's error; <paramref name="diverged"/> when it was not applied.
    /// </summary>
    /// <remarks>Apart from <see cref="Step"/>, which only the other configurations compile, to keep the JIT's work on
    /// the first step small.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly T FusedStep(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T learningRate, out bool diverged)
    {
        Span<T> parameters = _parameters;
        SaveSnapshot(parameters);

        // Trainer checked every value of the data and the learning rate before the first step, and holds the network's
        // training lock for the whole run: the unchecked step does not do either again on every call.
        T error = _network.TrainStepUnchecked(x, y, learningRate);
        diverged = _snapshot is not null && !(T.IsFinite(error) && Kernels.IsFiniteAll<T>(parameters));
        if (diverged)
        {
            _snapshot.CopyTo(parameters);
        }

        return error;
    }

    /// <summary>One step on one batch with a gradient, regularisation, clipping, an optimizer or an observer. Returns the
    /// batch's error; <paramref name="diverged"/> when it was not applied.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly T Step(int iteration, ReadOnlySpan<T> x, ReadOnlySpan<T> y, T learningRate, out bool diverged)
    {
        Span<T> parameters = _parameters;
        Span<T> gradient = _gradient;
        T error = _options.MaxDegreeOfParallelism == 1
            ? _network.ComputeGradient(x, y, gradient)
            : ParallelGradient.Compute(_network, x, y, gradient, _options.MaxDegreeOfParallelism, _options.GradientChunkRows);
        if (_snapshot is not null && !(T.IsFinite(error) && Kernels.IsFiniteAll<T>(gradient)))
        {
            diverged = true;
            return error;
        }

        if (_options.L2 != T.Zero)
        {
            Regularization.AddL2<T>(gradient, parameters, _options.L2);
        }

        if (_options.ClipValue is T limit)
        {
            GradientClipping.ByValue(gradient, limit);
        }

        if (_options.ClipNorm is T maxNorm)
        {
            GradientClipping.ByNorm(gradient, maxNorm);
        }

        _observer?.OnStep(iteration, error, parameters, gradient);
        SaveSnapshot(parameters);
        _optimizer.Update(parameters, gradient, _optimizerState, learningRate, iteration + 1L);
        diverged = _snapshot is not null && !Kernels.IsFiniteAll<T>(parameters);
        if (diverged)
        {
            _snapshot.CopyTo(parameters);
        }

        return error;
    }

    /// <summary>This epoch's row order: what <c>np.random.permutation(rows)</c> gives as the next call on the stream.</summary>
    private readonly void NewPermutation()
    {
        for (int i = 0; i < _order!.Length; i++)
        {
            _order[i] = i;
        }

        _random!.Shuffle<int>(_order);
    }

    private readonly void SaveSnapshot(Span<T> parameters)
    {
        if (_snapshot is not null)
        {
            parameters.CopyTo(_snapshot);
        }
    }

    /// <summary>The rows of one batch: slices of the data in order, or copies gathered in the epoch's shuffled order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void SelectBatch(int firstRow, int rows, out ReadOnlySpan<T> x, out ReadOnlySpan<T> y)
    {
        if (_order is null)
        {
            x = _inputs.Slice(firstRow * _inputCount, rows * _inputCount);
            y = _targets.Slice(firstRow * _outputCount, rows * _outputCount);
            return;
        }

        GatherBatch(firstRow, rows, out x, out y);
    }

    /// <summary>Copies the rows of one batch in the epoch's shuffled order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly void GatherBatch(int firstRow, int rows, out ReadOnlySpan<T> x, out ReadOnlySpan<T> y)
    {
        for (int k = 0; k < rows; k++)
        {
            int row = _order![firstRow + k];
            _inputs.Slice(row * _inputCount, _inputCount).CopyTo(_batchInputs.AsSpan(k * _inputCount, _inputCount));
            _targets.Slice(row * _outputCount, _outputCount).CopyTo(_batchTargets.AsSpan(k * _outputCount, _outputCount));
        }

        x = _batchInputs.AsSpan(0, rows * _inputCount);
        y = _batchTargets.AsSpan(0, rows * _outputCount);
    }

    private readonly T LearningRateAt(int iteration, int epoch) =>
        _options.Schedule is null
            ? _options.LearningRate
            : _options.LearningRate * T.CreateChecked(_options.Schedule.Factor(iteration, epoch));

    /// <summary>The reported error on the validation rows, from inference-mode outputs.</summary>
    private readonly T Validate()
    {
        _network.PredictBatch(_validationInputs, _validationOutputs);
        return NetworkLoss.ReportedError<T>(_network.Architecture.Loss, _validationOutputs, _validationTargets, _outputCount);
    }

    private readonly void Report(int iteration, int epoch, T error, T learningRate, bool isEpochEnd, bool diverging)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
        double rowsPerSecond = _rowsProcessed / Math.Max(elapsed.TotalSeconds, 1e-9);
        _progress!.Report(new TrainingProgress<T>(iteration, error, elapsed, rowsPerSecond)
        {
            Epoch = epoch,
            IsEpochEnd = isEpochEnd,
            Diverging = diverging,
            LearningRate = learningRate,
            ValidationError = _validationError,
        });
    }

    private static void Validate(TrainingOptions<T> options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations, "options.Iterations");
        if (options.Epochs is int epochs)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(epochs, "options.Epochs");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patience, "options.Patience");
        ArgumentOutOfRangeException.ThrowIfNegative(options.DivergencePatience, "options.DivergencePatience");
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportEvery, "options.ReportEvery");
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportEveryEpochs, "options.ReportEveryEpochs");
        Guard.LearningRate(options.LearningRate, "options.LearningRate");
        NonNegative(options.L2, "options.L2");
        NonNegative(options.MinDelta, "options.MinDelta");
        if (options.ClipValue is T limit)
        {
            Positive(limit, "options.ClipValue");
        }

        if (options.ClipNorm is T maxNorm)
        {
            Positive(maxNorm, "options.ClipNorm");
        }
    }

    private static void NonNegative(T value, string name)
    {
        if (!(value >= T.Zero) || !T.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive and finite; was {value}.");
        }
    }

    private static void Positive(T value, string name)
    {
        if (!(value > T.Zero) || !T.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite; was {value}.");
        }
    }
}
