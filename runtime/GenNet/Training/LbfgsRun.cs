using System;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using GenNet.CompilerServices;
using System.Threading;
using GenNet;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>One call of <see cref="LbfgsTrainer.Train"/>: the iterate, its gradient, the step history and the main loop.</summary>
internal ref partial struct LbfgsRun<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ITrainableNetwork<T> _network;
    private readonly NetworkObjective<T> _objective;
    private readonly LbfgsOptions<T> _options;
    private readonly IProgress<TrainingProgress<T>>? _progress;
    private readonly ITrainingObserver<T>? _observer;
    private readonly int _n;

    private readonly T[] _x;          // the current iterate
    private readonly T[] _gradient;   // ∇E at _x
    private readonly T[] _direction;  // search direction d
    private readonly T[] _trialGradient; // ∇E at the line search's latest trial point
    private readonly T[] _steps;      // s_i = x_{i+1} − x_i, History rows
    private readonly T[] _changes;    // y_i = ∇E_{i+1} − ∇E_i, History rows
    private readonly double[] _rho;   // 1 / (s_i · y_i)
    private readonly double[] _alpha;

    private int _stored;   // steps in the history
    private int _newest;   // slot of the newest step
    private long _evaluations;
    private long _start;

    public LbfgsRun(ITrainableNetwork<T> network, NetworkObjective<T> objective, LbfgsOptions<T> options, IProgress<TrainingProgress<T>>? progress, ITrainingObserver<T>? observer)
    {
        _network = network;
        _objective = objective;
        _options = options;
        _progress = progress;
        _observer = observer;
        _n = network.ParameterCount;
        _x = new T[_n];
        _gradient = new T[_n];
        _direction = new T[_n];
        _trialGradient = new T[_n];
        _steps = new T[checked(options.History * _n)];
        _changes = new T[checked(options.History * _n)];
        _rho = new double[options.History];
        _alpha = new double[options.History];
        _newest = -1;
    }

    public TrainingResult<T> Run(CancellationToken cancellationToken)
    {
        _start = Stopwatch.GetTimestamp();
        _network.Parameters.CopyTo(_x);
        T loss = Evaluate(_gradient, out T error);
        if (!T.IsFinite(loss) || !TensorPrimitives.IsFiniteAll<T>(_gradient))
        {
            return Result(0, error, TrainingStatus.Diverged);
        }

        int iteration = 0;
        while (true)
        {
            if (error <= _options.TargetError || MaxAbs(_gradient) <= _options.GradientTolerance)
            {
                return Result(iteration, error, TrainingStatus.Converged);
            }

            if (iteration >= _options.MaxIterations)
            {
                return Result(iteration, error, TrainingStatus.Completed);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Result(iteration, error, TrainingStatus.Canceled);
            }

            double slope = ComputeDirection();
            if (!(slope < 0))
            {
                // Not a descent direction (the curvature model went bad): start again from steepest descent.
                _stored = 0;
                slope = ComputeDirection();
            }

            // The first step has no curvature model: scale it to length at most 1 in the L1 norm, as PyTorch does.
            double firstStep = _stored == 0 ? Math.Min(1, 1 / double.CreateTruncating(OrderedSums.SumOfMagnitudes<T>(_gradient))) : 1;
            if (!LineSearch(double.CreateTruncating(loss), slope, firstStep, out double step, out T newLoss, out T newError))
            {
                _x.CopyTo(_network.Parameters);
                if (_stored > 0)
                {
                    _stored = 0;
                    continue;
                }

                return Result(iteration, error, TrainingStatus.LineSearchFailed);
            }

            // The network now holds x + step·d and _trialGradient its gradient.
            Remember(step);
            T previousLoss = loss;
            loss = newLoss;
            error = newError;
            _network.Parameters.CopyTo(_x);
            _trialGradient.CopyTo(_gradient, 0);
            _observer?.OnStep(iteration, error, _network.Parameters, _gradient);
            iteration++;
            if (_progress is not null && _options.ReportEvery > 0 && iteration % _options.ReportEvery == 0)
            {
                Report(iteration, error, T.CreateTruncating(step));
            }

            if (T.Abs(previousLoss - loss) <= _options.LossTolerance * T.Max(T.Max(T.Abs(previousLoss), T.Abs(loss)), T.One))
            {
                return Result(iteration, error, TrainingStatus.Converged);
            }
        }
    }

    /// <summary>d = −H·∇E by the two-loop recursion over the stored steps; returns the slope d·∇E.</summary>
    private readonly double ComputeDirection()
    {
        Span<T> q = _direction;
        _gradient.CopyTo(q);
        int m = _options.History;
        for (int k = 0; k < _stored; k++)
        {
            int i = (_newest - k + m) % m;
            _alpha[i] = _rho[i] * double.CreateTruncating(OrderedSums.Dot<T>(Row(_steps, i), q));
            TensorPrimitives.MultiplyAdd<T>(Row(_changes, i), T.CreateTruncating(-_alpha[i]), q, q);
        }

        if (_stored > 0)
        {
            // H₀ = γ·I with γ = s·y / y·y of the newest pair.
            ReadOnlySpan<T> y = Row(_changes, _newest);
            double gamma = 1 / (_rho[_newest] * double.CreateTruncating(OrderedSums.Dot<T>(y, y)));
            TensorPrimitives.Multiply<T>(q, T.CreateTruncating(gamma), q);
        }

        for (int k = _stored - 1; k >= 0; k--)
        {
            int i = (_newest - k + m) % m;
            double beta = _rho[i] * double.CreateTruncating(OrderedSums.Dot<T>(Row(_changes, i), q));
            TensorPrimitives.MultiplyAdd<T>(Row(_steps, i), T.CreateTruncating(_alpha[i] - beta), q, q);
        }

        TensorPrimitives.Negate<T>(q, q);
        return double.CreateTruncating(OrderedSums.Dot<T>(q, _gradient));
    }

    /// <summary>Stores s = step·d and y = ∇E_new − ∇E when s·y &gt; 0 (the curvature condition keeps H positive definite).</summary>
    private void Remember(double step)
    {
        int m = _options.History;
        int slot = (_newest + 1) % m;
        Span<T> s = Row(_steps, slot);
        Span<T> y = Row(_changes, slot);
        TensorPrimitives.Multiply<T>(_direction, T.CreateTruncating(step), s);
        TensorPrimitives.Subtract<T>(_trialGradient, _gradient, y);
        double sy = double.CreateTruncating(OrderedSums.Dot<T>(s, y));
        if (!(sy > 1e-10 * double.CreateTruncating(OrderedSums.Dot<T>(y, y))))
        {
            return;
        }

        _rho[slot] = 1 / sy;
        _newest = slot;
        _stored = Math.Min(_stored + 1, m);
    }

    private readonly Span<T> Row(T[] history, int slot) => history.AsSpan(slot * _n, _n);

    private T Evaluate(Span<T> gradient, out T error)
    {
        _evaluations++;
        return _objective.LossAndGradient(gradient, out error);
    }

    private static T MaxAbs(ReadOnlySpan<T> values) => T.Abs(values[TensorPrimitives.IndexOfMaxMagnitude(values)]);

    private readonly void Report(int iteration, T error, T step)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
        double rowsPerSecond = _evaluations * _objective.Rows / Math.Max(elapsed.TotalSeconds, 1e-9);
        _progress!.Report(new TrainingProgress<T>(iteration, error, elapsed, rowsPerSecond) { Epoch = iteration, LearningRate = step });
    }

    private readonly TrainingResult<T> Result(int iterations, T error, TrainingStatus status) =>
        new(iterations, error, Stopwatch.GetElapsedTime(_start), status == TrainingStatus.Canceled)
        {
            Status = status,
            Epochs = iterations,
        };
}
