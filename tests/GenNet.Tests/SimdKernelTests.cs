using System;
using System.Runtime.Intrinsics;
using GenNet.Activations;
using GenNet.CompilerServices;
using GenNet.Numerics;
using GenNet;
using Xunit;

namespace GenNet.Tests;

/// <summary>The runtime's SIMD building blocks against plain scalar loops.</summary>
public sealed class SimdKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 64, 16)]
    [InlineData(5, 70, 13)]
    [InlineData(9, 33, 1)]
    [InlineData(3, 10, 128)]
    [InlineData(17, 129, 7)]
    public void MultiplyAccumulate_matches_the_triple_loop(int rows, int columns, int depth)
    {
        Check<double>(rows, columns, depth, tolerance: 1e-13);
        Check<float>(rows, columns, depth, tolerance: 1e-5);
    }

    [Fact]
    public void MultiplyAccumulate_with_transposed_strides_is_the_gradient_product()
    {
        // C[i, j] += Σ_r A[r, i] · B[r, j]: A is rows × 6 read with (row stride 1, depth stride 6).
        const int batch = 11, inputs = 6, outputs = 19;
        double[] a = Random<double>(batch * inputs, 1), b = Random<double>(batch * outputs, 2);
        var c = new double[inputs * outputs];
        DenseKernels.MultiplyAccumulate<double>(a, 1, inputs, b, c, inputs, outputs, batch);
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double expected = 0;
                for (int r = 0; r < batch; r++)
                {
                    expected += a[(r * inputs) + i] * b[(r * outputs) + j];
                }

                Assert.Equal(expected, c[(i * outputs) + j], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1, 4, 64, 4)] // the 64×4 output layer of a 16-64-4 net: one register, four chains of 16
    [InlineData(5, 3, 13, 3)] // chains of 4, 4 and 5 (the last takes the remainder)
    [InlineData(6, 37, 9, 2)]
    public void MultiplyAccumulate_in_depth_segments_adds_each_segment_from_zero_in_order(int rows, int columns, int depth, int segments)
    {
        // The exact order the generated one-row kernels use: segment 0 continues C, each later one starts at zero
        // (fused multiply-adds, ascending), and the segments are added to C left to right. Bit for bit.
        float[] a = Random<float>(rows * depth, 7), b = Random<float>(depth * columns, 8), c = Random<float>(rows * columns, 9);
        float[] expected = (float[])c.Clone();
        int length = depth / segments;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                float total = expected[(r * columns) + j];
                for (int g = 0; g < segments; g++)
                {
                    float sum = g == 0 ? total : 0f;
                    int end = g == segments - 1 ? depth : (g + 1) * length;
                    for (int k = g * length; k < end; k++)
                    {
                        sum = MathF.FusedMultiplyAdd(a[(r * depth) + k], b[(k * columns) + j], sum);
                    }

                    total = g == 0 ? sum : total + sum;
                }

                expected[(r * columns) + j] = total;
            }
        }

        DenseKernels.MultiplyAccumulate<float>(a, depth, 1, b, c, rows, columns, depth, segments);
        Assert.Equal(expected, c);

        // And one segment is the plain ascending sum, not something else.
        float[] plain = Random<float>(rows * columns, 9), single = (float[])plain.Clone();
        DenseKernels.MultiplyAccumulate<float>(a, depth, 1, b, plain, rows, columns, depth);
        DenseKernels.MultiplyAccumulate<float>(a, depth, 1, b, single, rows, columns, depth, depthSegments: 1);
        Assert.Equal(plain, single);
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseKernels.MultiplyAccumulate<float>(a, depth, 1, b, c, rows, columns, depth, depth + 1));
    }

    [Fact]
    public void Double_exp_is_within_one_ulp_of_Math_Exp_and_handles_the_edges()
    {
        long worst = 0;
        var random = new NumpyRandom(11);
        for (int i = 0; i < 200_000; i++)
        {
            double x = (random.NextDouble() * 1416) - 708;
            double vector = Lanes256<double>.Exp(new Lanes256<double>(Vector256.Create(x))).Value.GetElement(0);
            worst = Math.Max(worst, Math.Abs(BitConverter.DoubleToInt64Bits(vector) - BitConverter.DoubleToInt64Bits(Math.Exp(x))));
        }

        Assert.True(worst <= 1, $"worst difference {worst} ulps");
        double[] edges = { 0, -0.0, 1, -1, 1e-300, 709.78, 709.79, 1000, double.PositiveInfinity, -745, -750, double.NegativeInfinity, double.NaN };
        foreach (double x in edges)
        {
            double vector = Lanes128<double>.Exp(new Lanes128<double>(Vector128.Create(x))).Value.GetElement(0);
            double scalar = Math.Exp(x);
            Assert.True(
                vector.Equals(scalar) || Math.Abs(BitConverter.DoubleToInt64Bits(vector) - BitConverter.DoubleToInt64Bits(scalar)) <= 1,
                $"exp({x:R}) = {vector:R}, Math.Exp gives {scalar:R}");
        }
    }

    [Fact]
    public void Float_exp_is_within_one_ulp_of_MathF_Exp_and_handles_the_edges()
    {
        // SingleExp replaces the BCL's float vector exp (which computes in double); check it over the normal range.
        int worst = 0;
        for (float x = -87f; x < 88.7f; x += 0.00731f)
        {
            float vector = Lanes512<float>.Exp(new Lanes512<float>(Vector512.Create(x))).Value.GetElement(0);
            worst = Math.Max(worst, Math.Abs(BitConverter.SingleToInt32Bits(vector) - BitConverter.SingleToInt32Bits(MathF.Exp(x))));
        }

        Assert.True(worst <= 1, $"worst difference {worst} ulps");
        float[] edges = { 0f, -0f, 1f, 88.72283f, 88.7229f, 200f, float.PositiveInfinity, -103f, -110f, float.NegativeInfinity, float.NaN, float.MaxValue, float.MinValue };
        foreach (float x in edges)
        {
            float vector = Lanes128<float>.Exp(new Lanes128<float>(Vector128.Create(x))).Value.GetElement(0);
            float scalar = MathF.Exp(x);
            Assert.True(
                vector.Equals(scalar) || (x < -103f && vector == 0f) || (x > -104f && x < -87f && Math.Abs(vector - scalar) <= 2 * float.Epsilon) || Math.Abs(BitConverter.SingleToInt32Bits(vector) - BitConverter.SingleToInt32Bits(scalar)) <= 1,
                $"exp({x:R}) = {vector:R}, MathF.Exp gives {scalar:R}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(13, 21)]
    [InlineData(256, 120)]
    [InlineData(3, 17)]
    public void Transpose_puts_every_value_at_its_mirrored_place(int rows, int columns)
    {
        var source = new double[rows * columns];
        for (int k = 0; k < source.Length; k++)
        {
            source[k] = k + 0.5;
        }

        var destination = new double[source.Length];
        DenseKernels.Transpose<double>(source, rows, columns, destination);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                Assert.Equal(source[(i * columns) + j], destination[(j * rows) + i]);
            }
        }
    }

    [Fact]
    public void MultiplyAccumulate_refuses_short_spans_naming_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => DenseKernels.MultiplyAccumulate<float>(new float[5], 3, 1, new float[6], new float[4], 2, 2, 3));
        Assert.Contains("at least 6", error.Message);
    }

    [Fact]
    public void Every_register_width_computes_each_lane_as_the_scalar_lane_does()
    {
        // The property that makes a row's result independent of its place in a batch: same Exp, same sigmoid.
        double[] values = Random<double>(64, 3);
        float[] singles = Array.ConvertAll(values, v => (float)(v * 30));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= 30;
        }

        AssertLanes<double, Lanes128<double>>(values);
        AssertLanes<double, Lanes256<double>>(values);
        AssertLanes<double, Lanes512<double>>(values);
        AssertLanes<float, Lanes128<float>>(singles);
        AssertLanes<float, Lanes256<float>>(singles);
        AssertLanes<float, Lanes512<float>>(singles);
    }

    [Fact]
    public void Vector_sigmoid_stays_within_a_few_ulps_of_the_scalar_one()
    {
        double[] values = Random<double>(4096, 4);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i] * 40;
            double vector = ActivationLanes.Activate<Sigmoid, double, ScalarLane<double>>(new ScalarLane<double>(x)).Value;
            double scalar = Sigmoid.Activate(x);
            Assert.True(Math.Abs(vector - scalar) <= 4 * Math.BitIncrement(scalar) - (4 * scalar), $"σ({x}): {vector:R} vs {scalar:R}");
        }
    }

    [Fact]
    public void Activations_without_a_lane_form_run_lane_by_lane()
    {
        // Softsign implements only the scalar IActivation members.
        float[] values = Random<float>(37, 5);
        float[] expected = Array.ConvertAll(values, Softsign.Activate);
        ActivationLanes.Activate<Softsign, float>(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Piecewise_linear_lane_forms_equal_their_scalar_functions()
    {
        float[] values = Random<float>(67, 11);
        values[3] = 0f;
        values[4] = -0f;
        AssertLaneFormExact<ReLU>(values);
        AssertLaneFormExact<LeakyReLU>(values);
        AssertLaneFormExact<Linear>(values);
    }

    [Fact]
    public void Tanh_lane_form_is_within_a_few_ulps_of_the_scalar_tanh()
    {
        // Both branches (the series below 0.55, the exponential above), the switch between them, saturation and zero.
        var points = new System.Collections.Generic.List<double> { 0, 1e-300, -1e-30, 1e-8, 0.5499999, 0.55, -0.55, 0.5500001, 1, -3, 20, -20, 400, -400 };
        var random = new NumpyRandom(3);
        for (int i = 0; i < 4000; i++)
        {
            points.Add(((2 * random.NextDouble()) - 1) * Math.Pow(2, (random.NextDouble() * 12) - 8));
        }

        foreach (double x in points)
        {
            double d = ActivationLanes.Activate<Tanh, double, Lanes256<double>>(new Lanes256<double>(Vector256.Create(x))).Value.GetElement(0);
            Assert.True(Math.Abs(d - Math.Tanh(x)) <= 4 * Math.Abs(Math.BitIncrement(Math.Abs(Math.Tanh(x))) - Math.Abs(Math.Tanh(x))), $"tanh({x:R}): {d:R} vs {Math.Tanh(x):R}");
            float xf = (float)x;
            float f = ActivationLanes.Activate<Tanh, float, Lanes512<float>>(new Lanes512<float>(Vector512.Create(xf))).Value.GetElement(0);
            Assert.True(Math.Abs(f - MathF.Tanh(xf)) <= 4 * Math.Abs(MathF.BitIncrement(Math.Abs(MathF.Tanh(xf))) - Math.Abs(MathF.Tanh(xf))), $"tanh({xf:R}): {f:R} vs {MathF.Tanh(xf):R}");
        }
    }

    private static void AssertLaneFormExact<TActivation>(float[] values)
        where TActivation : IActivation
    {
        var lanes = new float[values.Length];
        values.CopyTo(lanes, 0);
        ActivationLanes.Activate<TActivation, float>(lanes);
        var slopes = new float[values.Length];
        Array.Fill(slopes, 1f);
        ActivationLanes.MultiplyByDerivative<TActivation, float>(slopes, lanes);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(TActivation.Activate(values[i]), lanes[i]);
            Assert.Equal(TActivation.DerivativeFromOutput(lanes[i]), slopes[i]);
        }
    }

    // x / (1 + |x|): an activation with no lane form, as a user's own might be.
    private readonly struct Softsign : IActivation
    {
        public static T Activate<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x / (T.One + T.Abs(x));

        public static T DerivativeFromOutput<T>(T y) where T : System.Numerics.IFloatingPointIeee754<T> => (T.One - T.Abs(y)) * (T.One - T.Abs(y));
    }

    private static void AssertLanes<T, TLanes>(T[] values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        if (!TLanes.IsHardwareAccelerated)
        {
            return;
        }

        var lanes = new T[TLanes.Count];
        for (int start = 0; start + TLanes.Count <= values.Length; start += TLanes.Count)
        {
            TLanes x = TLanes.Load(ref values[start]);
            TLanes.Store(ActivationLanes.Activate<Sigmoid, T, TLanes>(x), ref lanes[0]);
            for (int k = 0; k < TLanes.Count; k++)
            {
                T scalar = ActivationLanes.Activate<Sigmoid, T, ScalarLane<T>>(new ScalarLane<T>(values[start + k])).Value;
                Assert.Equal(scalar, lanes[k]);
            }
        }
    }

    private static void Check<T>(int rows, int columns, int depth, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] a = Random<T>(rows * depth, 7), b = Random<T>(depth * columns, 8), c = Random<T>(rows * columns, 9);
        var expected = (T[])c.Clone();
        for (int m = 0; m < rows; m++)
        {
            for (int n = 0; n < columns; n++)
            {
                double sum = double.CreateTruncating(expected[(m * columns) + n]);
                for (int k = 0; k < depth; k++)
                {
                    sum += double.CreateTruncating(a[(m * depth) + k]) * double.CreateTruncating(b[(k * columns) + n]);
                }

                expected[(m * columns) + n] = T.CreateTruncating(sum);
            }
        }

        DenseKernels.MultiplyAccumulate<T>(a, depth, 1, b, c, rows, columns, depth);
        for (int i = 0; i < c.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]);
            Assert.True(Math.Abs(e - double.CreateTruncating(c[i])) <= tolerance * Math.Max(1, Math.Abs(e)) * depth, $"{typeof(T).Name} {rows}×{columns}×{depth}, element {i}: {c[i]} vs {e}");
        }
    }

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating((2 * random.NextDouble()) - 1);
        }

        return values;
    }
}
