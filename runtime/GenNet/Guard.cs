using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet;

/// <summary>
/// Argument checks shared by generated networks and the runtime. Every failure is an
/// <see cref="ArgumentException"/> that names the argument and gives the expected and actual sizes.
/// </summary>
public static class Guard
{
    /// <summary>Checks that <paramref name="span"/> holds exactly <paramref name="expected"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length<T>(ReadOnlySpan<T> span, int expected, [CallerArgumentExpression(nameof(span))] string? name = null)
    {
        if (span.Length != expected)
        {
            ThrowLength(span.Length, expected, name);
        }
    }

    /// <summary>
    /// Checks a row-major batch: <paramref name="inputs"/> holds whole rows of <paramref name="inputCount"/> values,
    /// and <paramref name="other"/> holds as many rows of <paramref name="otherCount"/> values. Returns the row count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows<T>(
        ReadOnlySpan<T> inputs,
        int inputCount,
        ReadOnlySpan<T> other,
        int otherCount,
        [CallerArgumentExpression(nameof(inputs))] string? inputsName = null,
        [CallerArgumentExpression(nameof(other))] string? otherName = null)
    {
        int rows = inputs.Length / inputCount;
        if (rows * inputCount != inputs.Length || rows * otherCount != other.Length)
        {
            ThrowRows(inputs.Length, inputCount, other.Length, otherCount, inputsName, otherName);
        }

        return rows;
    }

    /// <summary>Like <see cref="Rows{T}"/>, and also requires at least one row (training on nothing is a mistake).</summary>
    public static int NonEmptyRows<T>(
        ReadOnlySpan<T> inputs,
        int inputCount,
        ReadOnlySpan<T> targets,
        int targetCount,
        [CallerArgumentExpression(nameof(inputs))] string? inputsName = null,
        [CallerArgumentExpression(nameof(targets))] string? targetsName = null)
    {
        int rows = Rows(inputs, inputCount, targets, targetCount, inputsName, targetsName);
        if (rows == 0)
        {
            throw new ArgumentException($"{inputsName} must hold at least one row of {inputCount} values; it is empty.", inputsName);
        }

        return rows;
    }

    /// <summary>Checks that a learning rate is positive and finite.</summary>
    public static void LearningRate<T>(T learningRate, [CallerArgumentExpression(nameof(learningRate))] string? name = null)
        where T : IFloatingPointIeee754<T>
    {
        if (!(learningRate > T.Zero) || !T.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(name, learningRate, $"The learning rate must be positive and finite; was {learningRate}.");
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string? name) =>
        throw new ArgumentException($"{name} must hold exactly {expected} values; it holds {actual}.", name);

    [DoesNotReturn]
    private static void ThrowRows(int inputLength, int inputCount, int otherLength, int otherCount, string? inputsName, string? otherName)
    {
        if (inputLength % inputCount != 0)
        {
            throw new ArgumentException(
                $"{inputsName} must hold whole rows of {inputCount} values; it holds {inputLength}, which is not a multiple of {inputCount}.",
                inputsName);
        }

        int rows = inputLength / inputCount;
        throw new ArgumentException(
            $"{otherName} must hold {rows} rows of {otherCount} values ({rows * otherCount} in all) to match {inputsName}; it holds {otherLength}.",
            otherName);
    }
}
