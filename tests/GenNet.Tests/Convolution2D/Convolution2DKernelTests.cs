using System;
using System.Linq;
using System.Numerics;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using Xunit;
using static GenNet.Tests.Convolution2D.Convolution2DReference;

namespace GenNet.Tests.Convolution2D;

/// <summary>Convolution2DKernels against the independent double reference and against central finite differences.</summary>
public sealed class Convolution2DKernelTests
{
    // (in, H, W, out, kH, kW, sY, sX, pY, pX, groups): LeNet-5's two layers, then strides 1/2, padding 0/1/2, groups
    // 1/2/depthwise, kernels 1/3/5 (square and not), non-square inputs.
    public static TheoryData<Case> Cases => new()
    {
        new Case(1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 1),
        new Case(6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 1),
        new Case(3, 7, 9, 4, 3, 3, 1, 1, 1, 1, 1),
        new Case(4, 9, 6, 6, 3, 3, 2, 2, 1, 1, 2),
        new Case(2, 5, 8, 3, 1, 1, 1, 1, 0, 0, 1),
        new Case(3, 8, 7, 5, 1, 1, 2, 2, 0, 0, 1),
        new Case(2, 6, 11, 4, 5, 3, 2, 1, 2, 1, 2),
        new Case(4, 10, 7, 2, 3, 5, 1, 2, 2, 2, 2),
        new Case(2, 5, 5, 3, 5, 5, 1, 1, 2, 2, 1),
        new Case(1, 3, 4, 2, 3, 3, 2, 2, 2, 2, 1),
        new Case(4, 6, 7, 4, 3, 3, 1, 1, 1, 1, 4),
        new Case(3, 17, 19, 7, 5, 5, 2, 2, 1, 0, 1),
        new Case(8, 9, 9, 16, 3, 3, 1, 1, 1, 1, 2),
        new Case(4, 5, 6, 6, 1, 1, 1, 1, 0, 0, 2),     // pointwise, grouped: no im2col
        new Case(4, 9, 11, 16, 3, 3, 2, 1, 0, 0, 2),   // weight gradient along channels: 8 per group, strided
        new Case(2, 7, 7, 32, 3, 3, 1, 1, 0, 0, 1),    // along channels: 32, several registers (float and double)
        new Case(3, 6, 6, 8, 5, 2, 1, 1, 0, 0, 1),     // along channels: 30 taps, a partial tile of taps
        new Case(3, 32, 30, 4, 3, 3, 1, 1, 1, 1, 1),   // forward in bands of output rows (7, the last 4), padded
        new Case(2, 40, 36, 3, 5, 5, 2, 2, 2, 2, 1),   // forward in bands, strided and padded
        new Case(24, 6, 6, 4, 5, 5, 1, 1, 1, 1, 1),    // direct kernels: 600 taps, more than one chunk of 512
        new Case(2, 9, 14, 3, 3, 3, 1, 1, 0, 0, 1),    // direct kernels: 84 positions in tiles of 3 registers, a partial last
        new Case(2, 5, 9, 3, 5, 3, 1, 1, 0, 0, 1),     // one output row: forward direct, input gradient by columns (mostly padding)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_matches_the_reference(Case k)
    {
        double[] x = Random(k.InputLength, 1), w = Random(k.WeightLength, 2), b = Random(k.OutChannels, 3);
        Compare(Forward(k, x, w, b), Run<double>(k, (s, scratch) => Run(s, x, w, b, scratch)), 1e-12);

        (float[] xf, float[] wf, float[] bf) = (Single(x), Single(w), Single(b));
        Compare(Forward(k, Double(xf), Double(wf), Double(bf)), Double(Run<float>(k, (s, scratch) => Run(s, xf, wf, bf, scratch))), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weight_gradient_matches_the_reference_and_accumulates(Case k)
    {
        double[] x = Random(k.InputLength, 4), dy = Random(k.OutputLength, 5);
        double[] w = Random(k.WeightLength, 6);
        (double[] dw, double[] db, _) = Backward(k, x, w, dy);
        double[] dw0 = Random(k.WeightLength, 7), db0 = Random(k.OutChannels, 8);

        Convolution2DShape shape = ShapeOf(k);
        double[] gw = (double[])dw0.Clone(), gb = (double[])db0.Clone();
        Convolution2DKernels.AccumulateWeightGradient<double>(shape, x, dy, gw, gb, new double[Convolution2DKernels.ScratchLength(shape)]);
        Compare(dw.Zip(dw0, (a, c) => a + c).ToArray(), gw, 1e-12);
        Compare(db.Zip(db0, (a, c) => a + c).ToArray(), gb, 1e-12);

        (float[] xf, float[] dyf) = (Single(x), Single(dy));
        (double[] dwf, double[] dbf, _) = Backward(k, Double(xf), w, Double(dyf));
        float[] gwf = Single(dw0), gbf = Single(db0);
        Convolution2DKernels.AccumulateWeightGradient<float>(shape, xf, dyf, gwf, gbf, new float[Convolution2DKernels.ScratchLength(shape)]);
        Compare(dwf.Zip(Double(Single(dw0)), (a, c) => a + c).ToArray(), Double(gwf), 1e-5);
        Compare(dbf.Zip(Double(Single(db0)), (a, c) => a + c).ToArray(), Double(gbf), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_gradient_matches_the_reference_and_overwrites(Case k)
    {
        double[] x = Random(k.InputLength, 9), w = Random(k.WeightLength, 10), dy = Random(k.OutputLength, 11);
        (_, _, double[] dx) = Backward(k, x, w, dy);

        Convolution2DShape shape = ShapeOf(k);
        double[] gx = Random(k.InputLength, 12, scale: 1e6);
        Convolution2DKernels.InputGradient<double>(shape, dy, w, gx, new double[Convolution2DKernels.ScratchLength(shape)]);
        Compare(dx, gx, 1e-12);

        (float[] wf, float[] dyf) = (Single(w), Single(dy));
        (_, _, double[] dxf) = Backward(k, x, Double(wf), Double(dyf));
        float[] gxf = Single(Random(k.InputLength, 13, scale: 1e6));
        Convolution2DKernels.InputGradient<float>(shape, dyf, wf, gxf, new float[Convolution2DKernels.ScratchLength(shape)]);
        Compare(dxf, Double(gxf), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_central_finite_differences(Case k)
    {
        // L = Σ r · y, so ∂L/∂y = r: the kernels' gradients against (L(θ + h) − L(θ − h)) / 2h on the kernels' own Forward.
        Convolution2DShape shape = ShapeOf(k);
        double[] x = Random(k.InputLength, 14), w = Random(k.WeightLength, 15), b = Random(k.OutChannels, 16), r = Random(k.OutputLength, 17);
        var scratch = new double[Convolution2DKernels.ScratchLength(shape)];
        var gw = new double[k.WeightLength];
        var gb = new double[k.OutChannels];
        var gx = new double[k.InputLength];
        Convolution2DKernels.AccumulateWeightGradient<double>(shape, x, r, gw, gb, scratch);
        Convolution2DKernels.InputGradient<double>(shape, r, w, gx, scratch);

        double Loss() => Run(shape, x, w, b, scratch).Zip(r, (y, t) => y * t).Sum();
        CheckCentral(w, gw, Loss);
        CheckCentral(b, gb, Loss);
        CheckCentral(x, gx, Loss);
    }

    [Fact]
    public void Short_spans_throw_with_expected_and_actual_lengths()
    {
        Convolution2DShape shape = Convolution2DShape.Create(6, 12, 12, 16, 5, 5);
        int scratchLength = Convolution2DKernels.ScratchLength(shape);
        Assert.Equal(5072, scratchLength); // 16 to align, the row-shifted input (2,944 with slack) and ∂L/∂Y padded (2,112)
        var x = new float[shape.InputLength];
        var w = new float[shape.WeightLength];
        var b = new float[16];
        var y = new float[shape.OutputLength];
        var scratch = new float[scratchLength];

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.Forward<float>(shape, x.AsSpan(1), w, b, y, scratch));
        Assert.Contains("864", e.Message, StringComparison.Ordinal);
        Assert.Contains("863", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.Forward<float>(shape, x, w, b.AsSpan(0, 15), y, scratch));
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
        Assert.Contains("15", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.Forward<float>(shape, x, w, b, y, scratch.AsSpan(1)));
        Assert.Contains("5072", e.Message, StringComparison.Ordinal);
        Assert.Contains("5071", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.AccumulateWeightGradient<float>(shape, x, y, w.AsSpan(2), b, scratch));
        Assert.Contains("2400", e.Message, StringComparison.Ordinal);
        Assert.Contains("2398", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.InputGradient<float>(shape, y.AsSpan(3), w, x, scratch));
        Assert.Contains("1024", e.Message, StringComparison.Ordinal);
        Assert.Contains("1021", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.InputGradient<float>(shape, y, w, x.AsSpan(4), scratch));
        Assert.Contains("860", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_shapes_throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DShape.Create(0, 5, 5, 1, 3, 3));
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DShape.Create(3, 5, 5, 4, 3, 3, groups: 2));
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DShape.Create(1, 4, 4, 1, 5, 5));
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DShape.Create(1, 4, 4, 1, 3, 3, padY: -1));
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DShape.Create(1, 4, 4, 1, 3, 3, strideX: 0));
        Assert.ThrowsAny<ArgumentException>(() => Convolution2DKernels.ScratchLength(default));
        Convolution2DShape lenet = Convolution2DShape.Create(1, 28, 28, 6, 5, 5);
        Assert.Equal((24, 24, 784, 6 * 576, 150), (lenet.OutHeight, lenet.OutWidth, lenet.InputLength, lenet.OutputLength, lenet.WeightLength));
    }

    [Fact]
    public void Kernels_allocate_nothing()
    {
        foreach (Case k in new[] { new Case(1, 28, 28, 6, 5, 5, 1, 1, 0, 0, 1), new Case(6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 1), new Case(4, 9, 6, 6, 3, 3, 2, 2, 1, 1, 2) })
        {
            Convolution2DShape shape = ShapeOf(k);
            float[] x = Single(Random(k.InputLength, 1)), w = Single(Random(k.WeightLength, 2)), b = Single(Random(k.OutChannels, 3));
            var y = new float[k.OutputLength];
            var gw = new float[k.WeightLength];
            var gx = new float[k.InputLength];
            var scratch = new float[Convolution2DKernels.ScratchLength(shape)];
            void All()
            {
                Convolution2DKernels.Forward<float>(shape, x, w, b, y, scratch);
                Convolution2DKernels.AccumulateWeightGradient<float>(shape, x, y, gw, b, scratch);
                Convolution2DKernels.InputGradient<float>(shape, y, w, gx, scratch);
            }

            Assert.Equal(0, Allocations.SteadyState(All));
        }
    }

    [Fact]
    public void Results_are_the_same_bits_on_every_thread()
    {
        Case k = new(6, 12, 12, 16, 5, 5, 1, 1, 0, 0, 1);
        Convolution2DShape shape = ShapeOf(k);
        float[] x = Single(Random(k.InputLength, 1)), w = Single(Random(k.WeightLength, 2)), b = Single(Random(k.OutChannels, 3));
        float[] dy = Single(Random(k.OutputLength, 4));
        float[] Run()
        {
            var scratch = new float[Convolution2DKernels.ScratchLength(shape)];
            var y = new float[k.OutputLength];
            var gw = new float[k.WeightLength];
            var gb = new float[k.OutChannels];
            var gx = new float[k.InputLength];
            Convolution2DKernels.Forward<float>(shape, x, w, b, y, scratch);
            Convolution2DKernels.AccumulateWeightGradient<float>(shape, x, dy, gw, gb, scratch);
            Convolution2DKernels.InputGradient<float>(shape, dy, w, gx, scratch);
            return y.Concat(gw).Concat(gb).Concat(gx).ToArray();
        }

        float[] expected = Run();
        float[][] results = new float[4][];
        System.Threading.Tasks.Parallel.For(0, 4, t => results[t] = Run());
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    internal static Convolution2DShape ShapeOf(Case k) => Convolution2DShape.Create(
        k.InChannels, k.Height, k.Width, k.OutChannels, k.KernelHeight, k.KernelWidth, k.StrideY, k.StrideX, k.PadY, k.PadX, k.Groups);

    private static T[] Run<T>(Case k, Func<Convolution2DShape, T[], T[]> run)
        where T : unmanaged
    {
        Convolution2DShape shape = ShapeOf(k);
        Assert.Equal((k.OutHeight, k.OutWidth, k.OutputLength, k.WeightLength), (shape.OutHeight, shape.OutWidth, shape.OutputLength, shape.WeightLength));
        return run(shape, new T[Convolution2DKernels.ScratchLength(shape)]);
    }

    private static T[] Run<T>(Convolution2DShape shape, T[] x, T[] w, T[] b, T[] scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] y = Enumerable.Repeat(T.CreateTruncating(1e6), shape.OutputLength).ToArray(); // overwritten, not added to
        Convolution2DKernels.Forward<T>(shape, x, w, b, y, scratch);
        return y;
    }

    private static void CheckCentral(double[] parameters, double[] gradient, Func<double> loss)
    {
        const double h = 1e-3; // L is linear in each parameter: no truncation error, so a wide step keeps rounding small
        int step = Math.Max(1, parameters.Length / 61);
        for (int i = 0; i < parameters.Length; i += step)
        {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double plus = loss();
            parameters[i] = saved - h;
            double minus = loss();
            parameters[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 * (1 + Math.Abs(numeric)), $"index {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    // |got − expected| ≤ tolerance · (1 + max |expected|), element by element.
    internal static void Compare(double[] expected, double[] actual, double tolerance)
    {
        Assert.True(actual.Length >= expected.Length, $"{actual.Length} values, expected {expected.Length}");
        double scale = 1 + expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    internal static float[] Single(double[] values) => values.Select(v => (float)v).ToArray();

    internal static double[] Double(float[] values) => values.Select(v => (double)v).ToArray();
}
