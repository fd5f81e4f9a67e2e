using System;
using System.Numerics;

namespace GenNet.Benchmarks.Peers;

/// <summary>
/// The same math as a generated network (sigmoid layers, <c>E = ½ Σ (output − target)²</c>, full-batch gradient
/// descent), written the way a careful C# developer writes it by hand: arrays, nested loops over runtime sizes, no
/// unrolling, no SIMD, buffers allocated once. The peer that shows what generation adds over plain C#.
/// </summary>
public sealed class NaiveNetwork<T> where T : IFloatingPointIeee754<T>
{
    private readonly int[] _sizes;
    private readonly bool _bias;
    private readonly T[][] _weights;      // synapse s: [sizes[s] × sizes[s+1]] row-major, then sizes[s+1] biases
    private readonly T[][] _gradients;
    private T[][] _activations = Array.Empty<T[]>(); // per layer: [rows × size]
    private T[][] _deltas = Array.Empty<T[]>();
    private int _rows;

    public NaiveNetwork(int[] sizes, bool bias, ReadOnlySpan<T> parameters)
    {
        _sizes = sizes;
        _bias = bias;
        _weights = new T[sizes.Length - 1][];
        _gradients = new T[sizes.Length - 1][];
        int offset = 0;
        for (int s = 0; s < _weights.Length; s++)
        {
            int count = (sizes[s] + (bias ? 1 : 0)) * sizes[s + 1];
            _weights[s] = parameters.Slice(offset, count).ToArray();
            _gradients[s] = new T[count];
            offset += count;
        }
    }

    /// <summary>Replaces every weight, in GenNet's parameter order.</summary>
    public void SetParameters(ReadOnlySpan<T> parameters)
    {
        int offset = 0;
        foreach (T[] w in _weights)
        {
            parameters.Slice(offset, w.Length).CopyTo(w);
            offset += w.Length;
        }
    }

    /// <summary>Runs rows forward (row-major in, row-major out).</summary>
    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        int rows = inputs.Length / _sizes[0];
        Forward(inputs, rows);
        _activations[^1].AsSpan(0, rows * _sizes[^1]).CopyTo(outputs);
    }

    /// <summary>One full-batch gradient-descent step; returns mean |output − target|.</summary>
    public T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        int rows = inputs.Length / _sizes[0];
        Forward(inputs, rows);
        int last = _sizes.Length - 1;
        T errorSum = T.Zero;
        T[] output = _activations[last], outputDelta = _deltas[last];
        for (int i = 0; i < rows * _sizes[last]; i++)
        {
            T error = output[i] - targets[i];
            errorSum += T.Abs(error);
            outputDelta[i] = error * output[i] * (T.One - output[i]);
        }

        for (int l = last - 1; l >= 1; l--)
        {
            T[] w = _weights[l], delta = _deltas[l], next = _deltas[l + 1], value = _activations[l];
            int n = _sizes[l], m = _sizes[l + 1];
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    T sum = T.Zero;
                    for (int j = 0; j < m; j++)
                    {
                        sum += next[(r * m) + j] * w[(i * m) + j];
                    }

                    T y = value[(r * n) + i];
                    delta[(r * n) + i] = sum * y * (T.One - y);
                }
            }
        }

        for (int s = 0; s < _weights.Length; s++)
        {
            T[] g = _gradients[s], input = _activations[s], delta = _deltas[s + 1];
            int n = _sizes[s], m = _sizes[s + 1];
            Array.Clear(g);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    T x = input[(r * n) + i];
                    for (int j = 0; j < m; j++)
                    {
                        g[(i * m) + j] += x * delta[(r * m) + j];
                    }
                }

                if (_bias)
                {
                    for (int j = 0; j < m; j++)
                    {
                        g[(n * m) + j] += delta[(r * m) + j];
                    }
                }
            }

            T[] w = _weights[s];
            for (int k = 0; k < w.Length; k++)
            {
                w[k] -= learningRate * g[k];
            }
        }

        return errorSum / T.CreateTruncating(rows * _sizes[last]);
    }

    private void Forward(ReadOnlySpan<T> inputs, int rows)
    {
        if (rows != _rows)
        {
            _activations = Array.ConvertAll(_sizes, size => new T[rows * size]);
            _deltas = Array.ConvertAll(_sizes, size => new T[rows * size]);
            _rows = rows;
        }

        inputs.CopyTo(_activations[0]);
        for (int s = 0; s < _weights.Length; s++)
        {
            T[] w = _weights[s], input = _activations[s], output = _activations[s + 1];
            int n = _sizes[s], m = _sizes[s + 1];
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < m; j++)
                {
                    T sum = _bias ? w[(n * m) + j] : T.Zero;
                    for (int i = 0; i < n; i++)
                    {
                        sum += input[(r * n) + i] * w[(i * m) + j];
                    }

                    output[(r * m) + j] = T.One / (T.One + T.Exp(-sum));
                }
            }
        }
    }
}
