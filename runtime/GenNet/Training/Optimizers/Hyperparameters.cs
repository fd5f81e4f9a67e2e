using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>Argument checks shared by the optimizers.</summary>
internal static class Hyperparameters
{
    /// <summary>A decay rate or momentum: in [0, 1).</summary>
    public static double Fraction(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); was {value}.");

    /// <summary>An epsilon: positive and finite.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite; was {value}.");

    /// <summary>A weight decay: zero or positive, finite.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive and finite; was {value}.");

    /// <summary>Checks the spans every rule relies on, and that the optimizer was created with <c>new</c>.</summary>
    public static void CheckUpdate<T>(bool created, string optimizer, Span<T> parameters, Span<T> gradient, Span<T> state, int statePerParameter)
    {
        if (!created)
        {
            throw new ArgumentException(
                $"This {optimizer} is default({optimizer}), whose hyperparameters are unset; create it with new {optimizer}().",
                optimizer);
        }

        Guard.Length<T>(gradient, parameters.Length);
        Guard.Length<T>(state, statePerParameter * parameters.Length);
    }

    /// <summary><paramref name="value"/> in the parameters' precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T As<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateChecked(value);
}
