using System;
using System.Numerics;
using System.Numerics.Tensors;
using GenNet.CompilerServices;

namespace GenNet.Training;

internal ref partial struct LbfgsRun<T>
{
    /// <summary>
    /// Finds a step length α along <c>_direction</c> that satisfies the strong Wolfe conditions
    /// <c>φ(α) ≤ φ(0) + c₁·α·φ'(0)</c> and <c>|φ'(α)| ≤ c₂·|φ'(0)|</c>, where <c>φ(α) = E(x + α·d)</c>
    /// (Nocedal and Wright, algorithm 3.5: bracket by doubling, then zoom). On success the network holds
    /// <c>x + α·d</c> and <c>_trialGradient</c> its gradient.
    /// </summary>
    /// <returns>False when no step with sufficient decrease was found within the evaluation budget.</returns>
    private bool LineSearch(double loss0, double slope0, double firstStep, out double step, out T loss, out T error)
    {
        double c1 = _options.SufficientDecrease;
        double c2 = _options.Curvature;
        Point previous = new(0, loss0, slope0);
        double alpha = firstStep;
        int budget = _options.MaxLineSearchEvaluations;
        for (int i = 0; budget > 0; i++)
        {
            Point trial = EvaluateAt(alpha, out loss, out error);
            budget--;
            if (!trial.IsFinite || trial.Value > loss0 + (c1 * alpha * slope0) || (i > 0 && trial.Value >= previous.Value))
            {
                return Zoom(previous, trial, loss0, slope0, ref budget, out step, out loss, out error);
            }

            if (Math.Abs(trial.Slope) <= -c2 * slope0)
            {
                step = alpha;
                return true;
            }

            if (trial.Slope >= 0)
            {
                return Zoom(trial, previous, loss0, slope0, ref budget, out step, out loss, out error);
            }

            previous = trial;
            alpha *= 2;
        }

        step = 0;
        loss = error = T.NaN;
        return false;
    }

    /// <summary>
    /// Narrows [lo, hi], whose <c>lo</c> end has sufficient decrease and the lowest value so far, until a point meets
    /// the strong Wolfe conditions (algorithm 3.6), trying the minimiser of the cubic through both ends first.
    /// </summary>
    private bool Zoom(Point lo, Point hi, double loss0, double slope0, ref int budget, out double step, out T loss, out T error)
    {
        double c1 = _options.SufficientDecrease;
        double c2 = _options.Curvature;
        for (; budget > 0; budget--)
        {
            double alpha = CubicMinimiser(lo, hi);
            Point trial = EvaluateAt(alpha, out loss, out error);
            if (!trial.IsFinite || trial.Value > loss0 + (c1 * alpha * slope0) || trial.Value >= lo.Value)
            {
                hi = trial;
            }
            else
            {
                if (Math.Abs(trial.Slope) <= -c2 * slope0)
                {
                    step = alpha;
                    return true;
                }

                if (trial.Slope * (hi.Step - lo.Step) >= 0)
                {
                    hi = lo;
                }

                lo = trial;
            }

            if (Math.Abs(hi.Step - lo.Step) <= 1e-12 * Math.Max(Math.Abs(lo.Step), 1e-12))
            {
                break;
            }
        }

        // Out of budget or interval: settle for the best point with sufficient decrease, if any.
        if (lo.Step > 0)
        {
            EvaluateAt(lo.Step, out loss, out error);
            step = lo.Step;
            return true;
        }

        step = 0;
        loss = error = T.NaN;
        return false;
    }

    /// <summary>
    /// The minimiser of the cubic matching value and slope at both ends (Nocedal and Wright, eq. 3.59), kept at least a
    /// tenth of the interval away from either end; the midpoint when the cubic has no usable minimiser.
    /// </summary>
    private static double CubicMinimiser(Point a, Point b)
    {
        double lower = Math.Min(a.Step, b.Step);
        double upper = Math.Max(a.Step, b.Step);
        double margin = 0.1 * (upper - lower);
        double midpoint = 0.5 * (lower + upper);
        if (!a.IsFinite || !b.IsFinite)
        {
            return midpoint;
        }

        double d1 = a.Slope + b.Slope - (3 * (a.Value - b.Value) / (a.Step - b.Step));
        double radicand = (d1 * d1) - (a.Slope * b.Slope);
        if (radicand < 0)
        {
            return midpoint;
        }

        double d2 = Math.Sign(b.Step - a.Step) * Math.Sqrt(radicand);
        double alpha = b.Step - ((b.Step - a.Step) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + (2 * d2)));
        return double.IsFinite(alpha) && alpha >= lower + margin && alpha <= upper - margin ? alpha : midpoint;
    }

    /// <summary>Moves the network to <c>x + α·d</c> and evaluates φ(α) and φ'(α) there.</summary>
    private Point EvaluateAt(double alpha, out T loss, out T error)
    {
        TensorPrimitives.MultiplyAdd<T>(_direction, T.CreateTruncating(alpha), _x, _network.Parameters);
        loss = Evaluate(_trialGradient, out error);
        double slope = double.CreateTruncating(OrderedSums.Dot<T>(_trialGradient, _direction));
        return new Point(alpha, double.CreateTruncating(loss), slope);
    }

    /// <summary>A point of the line: step length, φ and φ'.</summary>
    private readonly record struct Point(double Step, double Value, double Slope)
    {
        public bool IsFinite => double.IsFinite(Value) && double.IsFinite(Slope);
    }
}
