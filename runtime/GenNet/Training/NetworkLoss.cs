using System;
using System.Numerics;
using GenNet;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// A network's loss and reported error computed from its outputs, for the parts of training that need them without a
/// gradient: validation, early stopping, L-BFGS's line search, simulated annealing.
/// </summary>
/// <remarks>
/// The definitions are those of <see cref="LossFunction"/>, summed in row-major order. The reported error is what
/// <see cref="ITrainableNetwork{T}.ComputeGradient"/> returns: <c>mean(|output − target|)</c> for the blog's
/// <see cref="LossFunction.SumSquaredError"/>, the loss itself for the others.
/// </remarks>
public static class NetworkLoss
{
    /// <summary>The loss <c>E</c> whose gradient the network computes, for these outputs and targets.</summary>
    /// <param name="loss">The network's loss (<see cref="NetworkArchitecture.Loss"/>).</param>
    /// <param name="outputs">Rows of <paramref name="outputCount"/> network outputs (after the output activation).</param>
    /// <param name="targets">As many target values.</param>
    /// <param name="outputCount">Values per row.</param>
    public static T Loss<T>(LossFunction loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int outputCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = Check(outputs, targets, outputCount);
        T sum = T.Zero;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Term(loss, outputs[i], targets[i]);
        }

        return loss switch
        {
            LossFunction.SumSquaredError => sum / (T.One + T.One),
            LossFunction.CategoricalCrossEntropy => sum / T.CreateChecked(rows),
            _ => sum / T.CreateChecked(outputs.Length),
        };
    }

    /// <summary>The error the network reports for these outputs and targets (what training progress shows).</summary>
    /// <inheritdoc cref="Loss{T}(LossFunction, ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>
    public static T ReportedError<T>(LossFunction loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int outputCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loss != LossFunction.SumSquaredError)
        {
            return Loss(loss, outputs, targets, outputCount);
        }

        Check(outputs, targets, outputCount);
        T sum = T.Zero;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += T.Abs(outputs[i] - targets[i]);
        }

        return sum / T.CreateChecked(outputs.Length);
    }

    // The per-output terms the generated code sums (GenNet.CompilerServices.LossTerms), so both agree to the last bit.
    private static T Term<T>(LossFunction loss, T output, T target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T difference = output - target;
        return loss switch
        {
            LossFunction.SumSquaredError or LossFunction.MeanSquaredError => difference * difference,
            LossFunction.BinaryCrossEntropy => LossTerms.BinaryCrossEntropy(output, target),
            LossFunction.CategoricalCrossEntropy => LossTerms.CrossEntropy(output, target),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, $"Unknown loss function {loss}."),
        };
    }

    private static int Check<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int outputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        Guard.Length(targets, outputs.Length);
        return Guard.NonEmptyRows(outputs, outputCount, targets, outputCount);
    }
}
