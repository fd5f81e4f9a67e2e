using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.CompilerServices;

/// <summary>
/// Batch normalisation of generated image networks, per channel over a whole batch (PyTorch's BatchNorm2d, and its
/// BatchNorm1d for dense layers: a dense neuron is a channel of one position).
/// </summary>
/// <remarks>
/// A batch is <c>rows</c> rows, row r starting at <c>r · stride</c>; a row holds <c>channels</c> channels of
/// <c>positions</c> consecutive values (a map's C × H·W, or a dense layer's neurons × 1). Over the n = rows · positions
/// values of channel c:
/// <code>
///   μ = Σ z / n,   σ² = Σ (z − μ)² / n,   ẑ = (z − μ) / √(σ² + ε),   y = γ·ẑ + β
///   running ← (1 − momentum)·running + momentum·(μ, σ²·n/(n − 1))         (PyTorch's unbiased running variance)
///   ∂E/∂γ = Σ δ·ẑ,   ∂E/∂β = Σ δ,   ∂E/∂z = γ/√(σ² + ε) · (δ − (∂E/∂β + ẑ·∂E/∂γ) / n)
/// </code>
/// Sums run over each row's segment with <see cref="TensorPrimitives"/> and are added across rows in double, so a
/// float batch of many thousand values per channel keeps its statistics to float precision.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormKernels
{
    /// <summary>
    /// Normalises <paramref name="values"/> (z) in place to γ·ẑ + β with the batch's statistics, writes ẑ to
    /// <paramref name="normalized"/> (rows of channels · positions, contiguous) and 1/√(σ² + ε) per channel to
    /// <paramref name="inverseStd"/>, and moves the running statistics toward the batch's.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive or a span is shorter than the batch needs.</exception>
    public static void Normalize<T>(
        Span<T> values, int rows, int stride, int channels, int positions,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> normalized, Span<T> inverseStd,
        Span<T> runningMean, Span<T> runningVariance, T epsilon, T momentum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(values.Length, rows, stride, channels, positions);
        int width = channels * positions;
        SpanChecks.AtLeast<T>(normalized, rows * width);
        SpanChecks.AtLeast(gamma, channels);
        SpanChecks.AtLeast(beta, channels);
        SpanChecks.AtLeast<T>(inverseStd, channels);
        SpanChecks.AtLeast<T>(runningMean, channels);
        SpanChecks.AtLeast<T>(runningVariance, channels);
        if (positions == 1)
        {
            NormalizeNeurons(values, rows, stride, channels, gamma, beta, normalized, inverseStd, runningMean, runningVariance, epsilon, momentum);
            return;
        }

        double n = (double)rows * positions;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int row = 0; row < rows; row++)
            {
                sum += double.CreateTruncating(TensorPrimitives.Sum<T>(values.Slice((row * stride) + (c * positions), positions)));
            }

            // ẑ first holds z − μ; its squares give σ² (two passes: no cancellation as in Σz² − nμ²).
            double mean = sum / n;
            T meanT = T.CreateTruncating(mean);
            double squares = 0;
            for (int row = 0; row < rows; row++)
            {
                Span<T> centred = normalized.Slice((row * width) + (c * positions), positions);
                TensorPrimitives.Subtract<T>(values.Slice((row * stride) + (c * positions), positions), meanT, centred);
                squares += double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(centred));
            }

            double variance = squares / n;
            T inverse = T.One / T.Sqrt(T.CreateTruncating(variance) + epsilon);
            inverseStd[c] = inverse;
            for (int row = 0; row < rows; row++)
            {
                Span<T> zHat = normalized.Slice((row * width) + (c * positions), positions);
                TensorPrimitives.Multiply<T>(zHat, inverse, zHat);
                ScaleShift(zHat, gamma[c], beta[c], values.Slice((row * stride) + (c * positions), positions));
            }

            double unbiased = n > 1 ? variance * n / (n - 1) : variance;
            runningMean[c] = ((T.One - momentum) * runningMean[c]) + (momentum * meanT);
            runningVariance[c] = ((T.One - momentum) * runningVariance[c]) + (momentum * T.CreateTruncating(unbiased));
        }
    }

    /// <summary>
    /// Back through the normalisation: turns <paramref name="delta"/> (∂E/∂y, rows <paramref name="stride"/> apart) into
    /// ∂E/∂z in place and adds ∂E/∂γ and ∂E/∂β to <paramref name="gammaGradient"/> and <paramref name="betaGradient"/>.
    /// <paramref name="normalized"/> and <paramref name="inverseStd"/> are what <see cref="Normalize"/> wrote.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive or a span is shorter than the batch needs.</exception>
    public static void Backward<T>(
        Span<T> delta, int rows, int stride, int channels, int positions,
        ReadOnlySpan<T> normalized, ReadOnlySpan<T> gamma, ReadOnlySpan<T> inverseStd, Span<T> gammaGradient, Span<T> betaGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(delta.Length, rows, stride, channels, positions);
        int width = channels * positions;
        SpanChecks.AtLeast(normalized, rows * width);
        SpanChecks.AtLeast(gamma, channels);
        SpanChecks.AtLeast(inverseStd, channels);
        SpanChecks.AtLeast<T>(gammaGradient, channels);
        SpanChecks.AtLeast<T>(betaGradient, channels);
        if (positions == 1)
        {
            BackwardNeurons(delta, rows, stride, channels, normalized, gamma, inverseStd, gammaGradient, betaGradient);
            return;
        }

        double n = (double)rows * positions;
        for (int c = 0; c < channels; c++)
        {
            double gammaSum = 0, betaSum = 0;
            for (int row = 0; row < rows; row++)
            {
                ReadOnlySpan<T> d = delta.Slice((row * stride) + (c * positions), positions);
                gammaSum += double.CreateTruncating(TensorPrimitives.Dot<T>(d, normalized.Slice((row * width) + (c * positions), positions)));
                betaSum += double.CreateTruncating(TensorPrimitives.Sum<T>(d));
            }

            gammaGradient[c] += T.CreateTruncating(gammaSum);
            betaGradient[c] += T.CreateTruncating(betaSum);

            // ∂E/∂z = k·δ − k·∂E/∂β/n − (k·∂E/∂γ/n)·ẑ with k = γ/√(σ² + ε).
            double k = double.CreateTruncating(gamma[c] * inverseStd[c]);
            T scale = T.CreateTruncating(k), shift = T.CreateTruncating(-k * betaSum / n), slope = T.CreateTruncating(-k * gammaSum / n);
            for (int row = 0; row < rows; row++)
            {
                Span<T> d = delta.Slice((row * stride) + (c * positions), positions);
                ScaleShift(d, scale, shift, d);
                TensorPrimitives.MultiplyAdd<T>(normalized.Slice((row * width) + (c * positions), positions), slope, d, d);
            }
        }
    }

    /// <summary>
    /// Normalises one row in place with running statistics, as Predict does: y = γ·(z − mean)/√(variance + ε) + β, taken
    /// per channel as z·s + (β − mean·s) with s = γ/√(variance + ε).
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive or a span is shorter than the row needs.</exception>
    public static void Infer<T>(
        Span<T> values, int channels, int positions, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(values.Length, 1, channels * positions, channels, positions);
        SpanChecks.AtLeast(gamma, channels);
        SpanChecks.AtLeast(beta, channels);
        SpanChecks.AtLeast(runningMean, channels);
        SpanChecks.AtLeast(runningVariance, channels);
        for (int c = 0; c < channels; c++)
        {
            T scale = gamma[c] / T.Sqrt(runningVariance[c] + epsilon), shift = beta[c] - (runningMean[c] * scale);
            if (positions == 1)
            {
                values[c] = (values[c] * scale) + shift;   // a dense neuron: no span call for one value
                continue;
            }

            Span<T> channel = values.Slice(c * positions, positions);
            ScaleShift(channel, scale, shift, channel);
        }
    }

    // Normalize for dense neurons (one position each): the same math in scalar loops down each neuron's column, where a
    // span call per value would cost more than the value.
    private static void NormalizeNeurons<T>(
        Span<T> values, int rows, int stride, int channels, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> normalized,
        Span<T> inverseStd, Span<T> runningMean, Span<T> runningVariance, T epsilon, T momentum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int row = 0; row < rows; row++)
            {
                sum += double.CreateTruncating(values[(row * stride) + c]);
            }

            T mean = T.CreateTruncating(sum / rows);
            double squares = 0;
            for (int row = 0; row < rows; row++)
            {
                T centred = values[(row * stride) + c] - mean;
                normalized[(row * channels) + c] = centred;
                squares += double.CreateTruncating(centred * centred);
            }

            double variance = squares / rows;
            T inverse = T.One / T.Sqrt(T.CreateTruncating(variance) + epsilon);
            inverseStd[c] = inverse;
            for (int row = 0; row < rows; row++)
            {
                T zHat = normalized[(row * channels) + c] * inverse;
                normalized[(row * channels) + c] = zHat;
                values[(row * stride) + c] = (zHat * gamma[c]) + beta[c];
            }

            double unbiased = rows > 1 ? variance * rows / (rows - 1) : variance;
            runningMean[c] = ((T.One - momentum) * runningMean[c]) + (momentum * mean);
            runningVariance[c] = ((T.One - momentum) * runningVariance[c]) + (momentum * T.CreateTruncating(unbiased));
        }
    }

    // Backward for dense neurons, in scalar loops as NormalizeNeurons.
    private static void BackwardNeurons<T>(
        Span<T> delta, int rows, int stride, int channels, ReadOnlySpan<T> normalized, ReadOnlySpan<T> gamma, ReadOnlySpan<T> inverseStd,
        Span<T> gammaGradient, Span<T> betaGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int c = 0; c < channels; c++)
        {
            double gammaSum = 0, betaSum = 0;
            for (int row = 0; row < rows; row++)
            {
                double d = double.CreateTruncating(delta[(row * stride) + c]);
                gammaSum += d * double.CreateTruncating(normalized[(row * channels) + c]);
                betaSum += d;
            }

            gammaGradient[c] += T.CreateTruncating(gammaSum);
            betaGradient[c] += T.CreateTruncating(betaSum);
            double k = double.CreateTruncating(gamma[c] * inverseStd[c]);
            T scale = T.CreateTruncating(k), shift = T.CreateTruncating(-k * betaSum / rows), slope = T.CreateTruncating(-k * gammaSum / rows);
            for (int row = 0; row < rows; row++)
            {
                int at = (row * stride) + c;
                delta[at] = (delta[at] * scale) + shift + (normalized[(row * channels) + c] * slope);
            }
        }
    }

    // destination = x·scale + shift (TensorPrimitives has no scalar-scalar MultiplyAdd).
    private static void ScaleShift<T>(ReadOnlySpan<T> x, T scale, T shift, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(x, scale, destination);
        TensorPrimitives.Add<T>(destination, shift, destination);
    }

    private static void Check(int length, int rows, int stride, int channels, int positions)
    {
        if (rows <= 0 || channels <= 0 || positions <= 0 || stride < (long)channels * positions)
        {
            throw new ArgumentException($"A batch needs positive rows ({rows}), channels ({channels}) and positions ({positions}), and a row stride ({stride}) of at least channels · positions.");
        }

        long needed = ((long)(rows - 1) * stride) + ((long)channels * positions);
        if (length < needed)
        {
            throw new ArgumentException($"The batch needs {needed} values; the span has {length}.");
        }
    }
}
