using System;
using System.Numerics;
using GenNet;
using GenNet.CompilerServices;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// The training loss of a network on fixed rows as a function of its parameters, <c>E(w) + ½·λ·Σ w²</c>, for the
/// optimizers that need loss values and not only gradients (L-BFGS's line search, simulated annealing).
/// </summary>
internal readonly ref struct NetworkObjective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ITrainableNetwork<T> _network;
    private readonly ReadOnlySpan<T> _inputs;
    private readonly ReadOnlySpan<T> _targets;
    private readonly T[] _outputs;
    private readonly T _l2;

    public NetworkObjective(ITrainableNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T l2)
    {
        Rows = Guard.TrainingRows(inputs, network.InputCount, targets, network.OutputCount);

        _network = network;
        _inputs = inputs;
        _targets = targets;
        _outputs = new T[targets.Length];
        _l2 = l2;
    }

    public int Rows { get; }

    /// <summary>The loss at the network's current parameters, from a forward pass only.</summary>
    public T Loss(out T reportedError)
    {
        _network.PredictBatch(_inputs, _outputs);
        LossFunction loss = _network.Architecture.Loss;
        T value = NetworkLoss.Loss<T>(loss, _outputs, _targets, _network.OutputCount);

        // Apart from the blog's loss, the reported error is the loss itself: computed once.
        reportedError = loss == LossFunction.SumSquaredError
            ? NetworkLoss.ReportedError<T>(loss, _outputs, _targets, _network.OutputCount)
            : value;
        return value + Regularization.L2Penalty<T>(_network.Parameters, _l2);
    }

    /// <summary>The loss and its gradient at the network's current parameters.</summary>
    /// <remarks>Apart from the blog's loss, the error a network reports is its loss, so one pass gives both; the blog's
    /// <c>½ Σ (output − target)²</c> takes an extra forward pass.</remarks>
    public T LossAndGradient(Span<T> gradient, out T reportedError)
    {
        reportedError = _network.ComputeGradient(_inputs, _targets, gradient);
        T loss = reportedError;
        if (_network.Architecture.Loss == LossFunction.SumSquaredError)
        {
            _network.PredictBatch(_inputs, _outputs);
            loss = NetworkLoss.Loss<T>(LossFunction.SumSquaredError, _outputs, _targets, _network.OutputCount);
        }

        if (_l2 != T.Zero)
        {
            loss += Regularization.L2Penalty<T>(_network.Parameters, _l2);
            Regularization.AddL2<T>(gradient, _network.Parameters, _l2);
        }

        return loss;
    }
}
