using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNet.CompilerServices;

/// <summary>
/// Argument checks shared by generated networks and the runtime. Every failure is an
/// <see cref="ArgumentException"/> that names the argument and gives the expected and actual sizes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Guard
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

    /// <summary>
    /// Checks that every value is finite: no NaN, no infinity. One vectorised pass; on failure the message names the first
    /// bad value with its row and column in a row-major batch of rows of <paramref name="rowLength"/> values.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite<T>(ReadOnlySpan<T> values, int rowLength, [CallerArgumentExpression(nameof(values))] string? name = null)
        where T : IFloatingPointIeee754<T>
    {
        if (!AllFinite(values))
        {
            ThrowNotFinite(values, rowLength, name);
        }
    }

    // Kernels.IsFiniteAll (fully optimised from the first call) for float and double, which is every network.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Kernels.IsFiniteAll(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(values)), values.Length));
        }

        if (typeof(T) == typeof(float))
        {
            return Kernels.IsFiniteAll(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values)), values.Length));
        }

        return TensorPrimitives.IsFiniteAll(values);
    }

    /// <summary>
    /// The checks at the entry of every training call: <paramref name="inputs"/> and <paramref name="targets"/> hold the
    /// same number (at least one) of whole rows, and every value is finite (one NaN would turn every weight it reaches
    /// into NaN). Returns the row count.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match (the message names expected and actual sizes), or a
    /// value is NaN or infinite (the message names its row and column).</exception>
    public static int TrainingRows<T>(
        ReadOnlySpan<T> inputs,
        int inputCount,
        ReadOnlySpan<T> targets,
        int targetCount,
        [CallerArgumentExpression(nameof(inputs))] string? inputsName = null,
        [CallerArgumentExpression(nameof(targets))] string? targetsName = null)
        where T : IFloatingPointIeee754<T>
    {
        int rows = NonEmptyRows(inputs, inputCount, targets, targetCount, inputsName, targetsName);
        Finite(inputs, inputCount, inputsName);
        Finite(targets, targetCount, targetsName);
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
    private static void ThrowNotFinite<T>(ReadOnlySpan<T> values, int rowLength, string? name)
        where T : IFloatingPointIeee754<T>
    {
        int index = 0;
        while (T.IsFinite(values[index]))
        {
            index++;
        }

        string where = rowLength > 0
            ? string.Create(CultureInfo.InvariantCulture, $"row {index / rowLength}, column {index % rowLength} (index {index})")
            : string.Create(CultureInfo.InvariantCulture, $"index {index}");
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{name} must be finite; it holds {values[index]} at {where}."),
            name);
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
