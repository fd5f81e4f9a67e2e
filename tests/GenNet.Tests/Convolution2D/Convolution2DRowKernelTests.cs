using System;
using System.Linq;
using System.Numerics;
using GenNet.CompilerServices;
using GenNet.Numerics;
using Xunit;
using static GenNet.Tests.Convolution2D.Convolution2DKernelTests;
using static GenNet.Tests.Convolution2D.Convolution2DReference;

namespace GenNet.Tests.Convolution2D;

/// <summary>
/// The direct (row-shifted) Conv2D kernels at every register width, whatever this machine's widest: the public kernels
/// run only the widest, so a 256- or 128-bit machine's code would otherwise go untested here.
/// </summary>
public sealed class Convolution2DRowKernelTests
{
    // The kernel test cases the direct kernels take: stride 1 down the rows, not pointwise.
    public static TheoryData<Case> RowCases()
    {
        var cases = new TheoryData<Case>();
        foreach (Case k in ((System.Collections.Generic.IEnumerable<object[]>)Convolution2DKernelTests.Cases).Select(row => (Case)row[0]).Where(k => Convolution2DKernels.UsesRows(ShapeOf(k))))
        {
            cases.Add(k);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Every_width_matches_the_reference(Case k)
    {
        Check<double, Lanes128<double>>(k, 1e-12);
        Check<double, Lanes256<double>>(k, 1e-12);
        Check<double, Lanes512<double>>(k, 1e-12);
        Check<float, Lanes128<float>>(k, 1e-5);
        Check<float, Lanes256<float>>(k, 1e-5);
        Check<float, Lanes512<float>>(k, 1e-5);
    }

    private static void Check<T, TL>(Case k, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        Convolution2DShape shape = ShapeOf(k);
        T[] x = Of<T>(Random(k.InputLength, 21)), w = Of<T>(Random(k.WeightLength, 22)), b = Of<T>(Random(k.OutChannels, 23));
        T[] dy = Of<T>(Random(k.OutputLength, 24));
        double[] xd = Back(x), wd = Back(w), dyd = Back(dy);

        // Scratch filled with NaN: nothing the kernels read from it may be left over from before.
        T[] Scratch() => Enumerable.Repeat(T.NaN, Convolution2DKernels.ScratchLength(shape)).ToArray();

        var y = new T[k.OutputLength];
        Convolution2DKernels.ForwardRows<T, TL>(shape, x, w, b, y, Scratch());
        Compare(Forward(k, xd, wd, Back(b)), Back(y), tolerance);

        (double[] dw, _, double[] dx) = Backward(k, xd, wd, dyd);
        if (Convolution2DKernels.InputGradientUsesRows(shape))
        {
            T[] gx = Of<T>(Random(k.InputLength, 25, scale: 1e6));
            Convolution2DKernels.InputGradientRows<T, TL>(shape, dy, w, gx, Scratch());
            Compare(dx, Back(gx), tolerance);
        }

        // The positions-wise weight gradient, group by group as the kernel calls it (it accumulates).
        var gw = new T[k.WeightLength];
        int groupIn = shape.GroupInChannels * k.Height * k.Width, groupOut = shape.GroupOutChannels, positions = k.OutHeight * k.OutWidth;
        int taps = shape.GroupInChannels * k.KernelHeight * k.KernelWidth;
        T[] scratch = Scratch();
        for (int g = 0; g < k.Groups; g++)
        {
            Span<T> rows = scratch, packed = Enumerable.Repeat(T.NaN, 6 * ((positions + 15) / 16 * 16)).ToArray();
            Convolution2DKernels.ToRows<T>(shape, x.AsSpan(g * groupIn, groupIn), rows);
            Convolution2DKernels.RowGradient<T, TL>(shape, rows, dy.AsSpan(g * groupOut * positions, groupOut * positions), gw.AsSpan(g * groupOut * taps, groupOut * taps), packed);
        }

        Compare(dw, Back(gw), tolerance);
    }

    private static T[] Of<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T> => values.Select(T.CreateTruncating).ToArray();

    private static double[] Back<T>(T[] values) where T : unmanaged, IFloatingPointIeee754<T> => values.Select(double.CreateTruncating).ToArray();
}
