using System;

namespace GenNet.Benchmarks.Peers;

/// <summary>
/// The naive C# peer for recurrent training: a GRU (PyTorch's, linear_before_reset = 1) of U units on I inputs, then a
/// linear dense output, with backpropagation through time over one sequence and the mean squared error — written as a
/// careful developer would without GenNet: arrays and loops, one weight at a time. It reads GenNet's parameter layout
/// (W input-major I × 3U, R U × 3U, Wb, Rb, then the output synapse and bias), so the benchmark can check that both
/// compute the same gradient before timing them.
/// </summary>
public sealed class NaiveGruSequence(int inputs, int units, int outputs)
{
    private readonly int _i = inputs, _u = units, _o = outputs;

    public int ParameterCount => ((_i + _u + 2) * 3 * _u) + ((_u + 1) * _o);

    /// <summary>∂E/∂parameters into <paramref name="gradient"/> (overwritten) for one sequence from a zero state; returns E.</summary>
    public double Gradient(double[] p, double[] x, double[] target, double[] gradient)
    {
        int steps = x.Length / _i, g3 = 3 * _u;
        int wOff = 0, rOff = _i * g3, wbOff = rOff + (_u * g3), rbOff = wbOff + g3, vOff = rbOff + g3, cOff = vOff + (_u * _o);
        var h = new double[steps + 1, _u];
        var z = new double[steps, _u];
        var r = new double[steps, _u];
        var n = new double[steps, _u];
        var rn = new double[steps, _u]; // Rn·h + bRn, before the reset gate scales it
        var y = new double[steps, _o];
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            for (int k = 0; k < _u; k++)
            {
                double az = p[wbOff + k] + p[rbOff + k], ar = p[wbOff + _u + k] + p[rbOff + _u + k];
                double xn = p[wbOff + (2 * _u) + k], hn = p[rbOff + (2 * _u) + k];
                for (int i = 0; i < _i; i++)
                {
                    double xi = x[(t * _i) + i];
                    az += xi * p[wOff + (i * g3) + k];
                    ar += xi * p[wOff + (i * g3) + _u + k];
                    xn += xi * p[wOff + (i * g3) + (2 * _u) + k];
                }

                for (int j = 0; j < _u; j++)
                {
                    double hj = h[t, j];
                    az += hj * p[rOff + (j * g3) + k];
                    ar += hj * p[rOff + (j * g3) + _u + k];
                    hn += hj * p[rOff + (j * g3) + (2 * _u) + k];
                }

                z[t, k] = 1 / (1 + Math.Exp(-az));
                r[t, k] = 1 / (1 + Math.Exp(-ar));
                rn[t, k] = hn;
                n[t, k] = Math.Tanh(xn + (r[t, k] * hn));
            }

            for (int k = 0; k < _u; k++)
            {
                h[t + 1, k] = ((1 - z[t, k]) * n[t, k]) + (z[t, k] * h[t, k]);
            }

            for (int o = 0; o < _o; o++)
            {
                double value = p[cOff + o];
                for (int k = 0; k < _u; k++)
                {
                    value += h[t + 1, k] * p[vOff + (k * _o) + o];
                }

                y[t, o] = value;
                double e = value - target[(t * _o) + o];
                loss += e * e;
            }
        }

        Array.Clear(gradient);
        double scale = 2.0 / (steps * _o);
        var dh = new double[_u];
        var dhPrevious = new double[_u];
        var da = new double[g3];
        for (int t = steps - 1; t >= 0; t--)
        {
            // The output: dE/dy, the dense synapse's gradient, and its share of dE/dh.
            for (int o = 0; o < _o; o++)
            {
                double dy = scale * (y[t, o] - target[(t * _o) + o]);
                gradient[cOff + o] += dy;
                for (int k = 0; k < _u; k++)
                {
                    gradient[vOff + (k * _o) + o] += dy * h[t + 1, k];
                    dh[k] += dy * p[vOff + (k * _o) + o];
                }
            }

            Array.Clear(dhPrevious);
            for (int k = 0; k < _u; k++)
            {
                double dn = dh[k] * (1 - z[t, k]);
                double dz = dh[k] * (h[t, k] - n[t, k]);
                dhPrevious[k] += dh[k] * z[t, k];
                double dAn = dn * (1 - (n[t, k] * n[t, k]));
                double dr = dAn * rn[t, k];
                da[k] = dz * z[t, k] * (1 - z[t, k]);
                da[_u + k] = dr * r[t, k] * (1 - r[t, k]);
                da[(2 * _u) + k] = dAn; // the input side of the candidate
                gradient[rbOff + (2 * _u) + k] += dAn * r[t, k];
            }

            for (int c = 0; c < g3; c++)
            {
                gradient[wbOff + c] += da[c];
                if (c < 2 * _u)
                {
                    gradient[rbOff + c] += da[c];
                }

                for (int i = 0; i < _i; i++)
                {
                    gradient[wOff + (i * g3) + c] += x[(t * _i) + i] * da[c];
                }
            }

            for (int j = 0; j < _u; j++)
            {
                for (int c = 0; c < g3; c++)
                {
                    // The candidate's recurrent product is scaled by r before tanh.
                    double d = c < 2 * _u ? da[c] : da[c] * r[t, c - (2 * _u)];
                    gradient[rOff + (j * g3) + c] += h[t, j] * d;
                    dhPrevious[j] += p[rOff + (j * g3) + c] * d;
                }
            }

            Array.Copy(dhPrevious, dh, _u);
        }

        return loss / (steps * _o);
    }
}
