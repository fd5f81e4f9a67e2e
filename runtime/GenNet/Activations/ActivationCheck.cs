using System;
using System.Globalization;

namespace GenNet.Activations;

/// <summary>
/// Checks an activation's derivative against central finite differences of its <c>Activate</c>, so that a wrong
/// derivative in a custom activation fails a test instead of training silently in the wrong direction.
/// </summary>
public static class ActivationCheck
{
    /// <summary>
    /// Compares <see cref="IActivation.DerivativeFromOutput{T}"/> with <c>(f(x + h) − f(x − h)) / 2h</c> at 801 points
    /// of [<paramref name="from"/>, <paramref name="to"/>], in double.
    /// </summary>
    /// <returns>The largest difference found, relative to max(1, |numeric derivative|).</returns>
    /// <exception cref="ArgumentException">The derivative is off by more than <paramref name="tolerance"/> somewhere;
    /// the message names the point and both values.</exception>
    public static double Derivative<TActivation>(double from = -6, double to = 6, double tolerance = 1e-6)
        where TActivation : struct, IActivation =>
        Compare<TActivation>((_, y) => TActivation.DerivativeFromOutput(y), from, to, tolerance);

    /// <summary>As <see cref="Derivative{TActivation}"/>, for <see cref="IActivationFromInput.DerivativeFromInput{T}"/>.</summary>
    /// <inheritdoc cref="Derivative{TActivation}"/>
    public static double DerivativeFromInput<TActivation>(double from = -6, double to = 6, double tolerance = 1e-6)
        where TActivation : struct, IActivationFromInput =>
        Compare<TActivation>(TActivation.DerivativeFromInput, from, to, tolerance);

    private static double Compare<TActivation>(Func<double, double, double> derivative, double from, double to, double tolerance)
        where TActivation : struct, IActivation
    {
        const int Points = 801;
        const double H = 1e-5;
        double worst = 0;
        for (int i = 0; i < Points; i++)
        {
            double x = from + ((to - from) * i / (Points - 1));
            double y = TActivation.Activate(x);
            double numeric = (TActivation.Activate(x + H) - TActivation.Activate(x - H)) / (2 * H);
            double analytic = derivative(x, y);
            double error = Math.Abs(analytic - numeric) / Math.Max(1, Math.Abs(numeric));
            if (!(error <= tolerance))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{typeof(TActivation).Name}'s derivative at x = {x} is {analytic}; central differences give {numeric} (relative difference {error:G3}, tolerance {tolerance})."),
                    nameof(TActivation));
            }

            worst = Math.Max(worst, error);
        }

        return worst;
    }
}
