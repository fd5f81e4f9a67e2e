using System;
using System.Numerics;
using GenNet.Activations;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// The fused streaming cells (<see cref="RecurrentCells"/>) against the per-operation math that training's generated
/// <c>Recurrent{l}</c> runs (SequenceKernels and ActivationLanes, in the emitted order) and against a naive scalar
/// reference in double written from the ONNX equations, each step from the state the fused cell left (so every step's
/// error is its own, not a drifted trajectory's), over several steps. Float widths of
/// whole 512-bit registers take the intrinsic path with Eigen's tanh; the others the lane-generic one.
/// </summary>
public sealed class RecurrentCellTests
{
    private const int Steps = 12;

    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 16 }, { 1, 32 }, { 3, 16 }, { 2, 48 }, { 1, 8 }, { 2, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_GRU_cell_matches_the_per_operation_math_and_a_naive_reference(int inputs, int units)
    {
        (float[] p, float[] xs, float[] h0) = Random<float>(inputs, units, gates: 3, seed: units + inputs);
        float[] fused = (float[])h0.Clone(), perOperation = (float[])h0.Clone();
        double[] naive = Array.ConvertAll(h0, v => (double)v);
        var scratch = new float[3 * units];
        var recurrent = new float[3 * units];
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<float> x = xs.AsSpan(t * inputs, inputs);
            Gru(p, inputs, units, out var w, out var r, out var wb, out var rb);
            fused.CopyTo(perOperation, 0);
            naive = Array.ConvertAll(fused, v => (double)v);
            RecurrentCells.Gru(x, fused, w, r, wb, rb, fused, scratch);
            GruPerOperation(x, perOperation, w, r, wb, rb, scratch, recurrent);
            naive = NaiveGru(Array.ConvertAll(x.ToArray(), v => (double)v), naive, Array.ConvertAll(p, v => (double)v), inputs, units);
            AssertClose(perOperation, fused, 2e-6);
            AssertClose(naive, fused, 2e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_LSTM_cell_matches_the_per_operation_math_and_a_naive_reference(int inputs, int units)
    {
        (float[] p, float[] xs, float[] s0) = Random<float>(inputs, units, gates: 4, seed: 100 + units + inputs, stateRows: 2);
        float[] h = s0[..units], c = s0[units..], hOp = (float[])h.Clone(), cOp = (float[])c.Clone();
        double[] hNaive = Array.ConvertAll(h, v => (double)v), cNaive = Array.ConvertAll(c, v => (double)v);
        var scratch = new float[4 * units];
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<float> x = xs.AsSpan(t * inputs, inputs);
            Lstm(p, inputs, units, out var w, out var r, out var wb, out var rb);
            h.CopyTo(hOp, 0);
            c.CopyTo(cOp, 0);
            hNaive = Array.ConvertAll(h, v => (double)v);
            cNaive = Array.ConvertAll(c, v => (double)v);
            RecurrentCells.Lstm(x, h, c, w, r, wb, rb, h, c, scratch);
            LstmPerOperation(x, hOp, cOp, w, r, wb, rb, scratch);
            (hNaive, cNaive) = NaiveLstm(Array.ConvertAll(x.ToArray(), v => (double)v), hNaive, cNaive, Array.ConvertAll(p, v => (double)v), inputs, units);
            AssertClose(hOp, h, 2e-6);
            AssertClose(cOp, c, 4e-6);
            AssertClose(hNaive, h, 2e-6);
            AssertClose(cNaive, c, 4e-6);
        }
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(1, 16)]
    [InlineData(3, 4)]
    public void Double_cells_match_the_per_operation_math_and_a_naive_reference(int inputs, int units)
    {
        (double[] p, double[] xs, double[] s0) = Random<double>(inputs, units, gates: 4, seed: 7, stateRows: 2);
        double[] h = s0[..units], c = s0[units..], hOp = (double[])h.Clone(), cOp = (double[])c.Clone();
        double[] hNaive = (double[])h.Clone(), cNaive = (double[])c.Clone();
        var scratch = new double[4 * units];
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<double> x = xs.AsSpan(t * inputs, inputs);
            Lstm(p, inputs, units, out var w, out var r, out var wb, out var rb);
            RecurrentCells.Lstm(x, h, c, w, r, wb, rb, h, c, scratch);
            LstmPerOperation(x, hOp, cOp, w, r, wb, rb, scratch);
            (hNaive, cNaive) = NaiveLstm(x.ToArray(), hNaive, cNaive, p, inputs, units);
            AssertClose(hOp, h, 1e-13);
            AssertClose(hNaive, h, 1e-13);
            AssertClose(cNaive, c, 1e-13);
        }

        (double[] q, double[] ys, double[] g0) = Random<double>(inputs, units, gates: 3, seed: 8);
        double[] g = (double[])g0.Clone(), gOp = (double[])g0.Clone(), gNaive = (double[])g0.Clone();
        var recurrent = new double[3 * units];
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<double> x = ys.AsSpan(t * inputs, inputs);
            Gru(q, inputs, units, out var w, out var r, out var wb, out var rb);
            RecurrentCells.Gru(x, g, w, r, wb, rb, g, scratch);
            GruPerOperation(x, gOp, w, r, wb, rb, scratch, recurrent);
            gNaive = NaiveGru(x.ToArray(), gNaive, q, inputs, units);
            AssertClose(gOp, g, 1e-13);
            AssertClose(gNaive, g, 1e-13);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(5)]
    public void Updating_the_state_in_place_gives_the_same_bits_as_separate_outputs(int units)
    {
        (float[] p, float[] xs, float[] s0) = Random<float>(2, units, gates: 4, seed: 3, stateRows: 2);
        Lstm(p, 2, units, out var w, out var r, out var wb, out var rb);
        float[] h = s0[..units], c = s0[units..];
        var hNew = new float[units];
        var cNew = new float[units];
        var scratch = new float[4 * units];
        RecurrentCells.Lstm(xs.AsSpan(0, 2), h, c, w, r, wb, rb, hNew, cNew, scratch);
        RecurrentCells.Lstm(xs.AsSpan(0, 2), h, c, w, r, wb, rb, h, c, scratch);
        Assert.Equal(hNew, h);
        Assert.Equal(cNew, c);

        (float[] q, _, float[] g0) = Random<float>(2, units, gates: 3, seed: 4);
        Gru(q, 2, units, out w, out r, out wb, out rb);
        var gNew = new float[units];
        RecurrentCells.Gru(xs.AsSpan(0, 2), g0, w, r, wb, rb, gNew, scratch);
        RecurrentCells.Gru(xs.AsSpan(0, 2), g0, w, r, wb, rb, g0, scratch);
        Assert.Equal(gNew, g0);
    }

    [Fact]
    public void Wrong_sizes_are_refused_with_expected_and_actual_sizes()
    {
        var p = new float[4 * 16 * 18];
        var h = new float[16];
        var scratch = new float[64];
        var error = Assert.Throws<ArgumentException>(() => RecurrentCells.Lstm<float>(new float[1], h, new float[15], p.AsSpan(0, 64),
            p.AsSpan(64, 1024), p.AsSpan(0, 64), p.AsSpan(0, 64), h, new float[15], scratch));
        Assert.Contains("16", error.Message);
        error = Assert.Throws<ArgumentException>(() => RecurrentCells.Gru<float>(new float[1], h, p.AsSpan(0, 48), p.AsSpan(0, 767),
            p.AsSpan(0, 48), p.AsSpan(0, 48), h, scratch));
        Assert.Contains("R 768", error.Message);
        Assert.Contains("767", error.Message);
    }

    [Fact]
    public void The_cells_allocate_nothing()
    {
        (float[] p, float[] xs, float[] s0) = Random<float>(1, 32, gates: 4, seed: 9, stateRows: 2);
        Lstm(p, 1, 32, out var w, out var r, out var wb, out var rb);
        float[] h = s0[..32], c = s0[32..];
        var scratch = new float[128];
        void Run()
        {
            for (int i = 0; i < 1000; i++)
            {
                RecurrentCells.Lstm(xs.AsSpan(i % Steps, 1), h, c, w.AsSpan(), r, wb, rb, h, c, scratch);
                RecurrentCells.Gru(xs.AsSpan(i % Steps, 1), h, w.AsSpan(0, 96), r.AsSpan(0, 3072), wb.AsSpan(0, 96), rb.AsSpan(0, 96), h, scratch);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    // Parameters in the layout of one recurrent layer (W, R, Wb, Rb), uniform in [−1, 1): large enough that the
    // gates use their whole range; inputs for every step and a non-zero start state.
    private static (T[] Parameters, T[] Inputs, T[] State) Random<T>(int inputs, int units, int gates, int seed, int stateRows = 1)
        where T : IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(seed);
        T Next(double scale) => T.CreateTruncating(scale * ((2 * random.NextDouble()) - 1));
        var p = new T[(inputs + units + 2) * gates * units];
        for (int i = 0; i < p.Length; i++) { p[i] = Next(1); }
        var x = new T[Steps * inputs];
        for (int i = 0; i < x.Length; i++) { x[i] = Next(1); }
        var s = new T[stateRows * units];
        for (int i = 0; i < s.Length; i++) { s[i] = Next(0.8); }
        return (p, x, s);
    }

    private static void Gru<T>(T[] p, int inputs, int units, out T[] w, out T[] r, out T[] wb, out T[] rb) =>
        Split(p, inputs, 3 * units, units, out w, out r, out wb, out rb);

    private static void Lstm<T>(T[] p, int inputs, int units, out T[] w, out T[] r, out T[] wb, out T[] rb) =>
        Split(p, inputs, 4 * units, units, out w, out r, out wb, out rb);

    private static void Split<T>(T[] p, int inputs, int width, int units, out T[] w, out T[] r, out T[] wb, out T[] rb)
    {
        w = p[..(inputs * width)];
        r = p[(inputs * width)..((inputs + units) * width)];
        wb = p[((inputs + units) * width)..((inputs + units + 1) * width)];
        rb = p[((inputs + units + 1) * width)..((inputs + units + 2) * width)];
    }

    // The generated GRU Recurrent{l}'s operations, in its order (SequenceNetworkEmitter.Forward.cs).
    private static void GruPerOperation<T>(ReadOnlySpan<T> x, T[] h, T[] w, T[] r, T[] wb, T[] rb, T[] gatesArray, T[] recurrentArray)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int u = h.Length;
        Span<T> gates = gatesArray.AsSpan(0, 3 * u), recurrent = recurrentArray.AsSpan(0, 3 * u);
        wb.CopyTo(gates);
        SequenceKernels.MultiplyAdd(x, w, gates);
        rb.CopyTo(recurrent);
        SequenceKernels.MultiplyAdd<T>(h, r, recurrent);
        SequenceKernels.Add(gates[..(2 * u)], recurrent[..(2 * u)], gates[..(2 * u)]);
        ActivationLanes.Activate<Sigmoid, T>(gates[..(2 * u)]);
        Span<T> candidate = gates.Slice(2 * u, u);
        SequenceKernels.MultiplyAdd(gates.Slice(u, u), recurrent.Slice(2 * u, u), candidate, candidate);
        ActivationLanes.Activate<Tanh, T>(candidate);
        SequenceKernels.Subtract<T>(h, candidate, h);
        SequenceKernels.MultiplyAdd(gates[..u], h, candidate, h);
    }

    // The generated LSTM Recurrent{l}'s operations, in its order.
    private static void LstmPerOperation<T>(ReadOnlySpan<T> x, T[] h, T[] c, T[] w, T[] r, T[] wb, T[] rb, T[] gatesArray)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int u = h.Length;
        Span<T> gates = gatesArray.AsSpan(0, 4 * u);
        SequenceKernels.Add<T>(wb, rb, gates);
        SequenceKernels.MultiplyAdd(x, w, gates);
        SequenceKernels.MultiplyAdd<T>(h, r, gates);
        ActivationLanes.Activate<Sigmoid, T>(gates[..(3 * u)]);
        ActivationLanes.Activate<Tanh, T>(gates.Slice(3 * u, u));
        SequenceKernels.Multiply(gates.Slice(2 * u, u), c, c);
        SequenceKernels.MultiplyAdd(gates[..u], gates.Slice(3 * u, u), c, c);
        c.CopyTo(h, 0);
        ActivationLanes.Activate<Tanh, T>(h);
        SequenceKernels.Multiply(h, gates.Slice(u, u), h);
    }

    // ONNX's GRU (z, r, h; linear_before_reset = 1), one unit at a time in double.
    private static double[] NaiveGru(double[] x, double[] h, double[] p, int inputs, int units)
    {
        int width = 3 * units, r0 = inputs * width, wb0 = (inputs + units) * width, rb0 = wb0 + width;
        var next = new double[units];
        for (int u = 0; u < units; u++)
        {
            double[] a = new double[3], b = new double[3];
            for (int g = 0; g < 3; g++)
            {
                int col = (g * units) + u;
                a[g] = p[wb0 + col];
                b[g] = p[rb0 + col];
                for (int i = 0; i < inputs; i++) { a[g] += x[i] * p[(i * width) + col]; }
                for (int j = 0; j < units; j++) { b[g] += h[j] * p[r0 + (j * width) + col]; }
            }

            double z = 1 / (1 + Math.Exp(-(a[0] + b[0])));
            double reset = 1 / (1 + Math.Exp(-(a[1] + b[1])));
            double n = Math.Tanh(a[2] + (reset * b[2]));
            next[u] = ((1 - z) * n) + (z * h[u]);
        }

        return next;
    }

    // ONNX's LSTM (i, o, f, c), one unit at a time in double.
    private static (double[] H, double[] C) NaiveLstm(double[] x, double[] h, double[] c, double[] p, int inputs, int units)
    {
        int width = 4 * units, r0 = inputs * width, wb0 = (inputs + units) * width, rb0 = wb0 + width;
        var hNext = new double[units];
        var cNext = new double[units];
        for (int u = 0; u < units; u++)
        {
            var a = new double[4];
            for (int g = 0; g < 4; g++)
            {
                int col = (g * units) + u;
                a[g] = p[wb0 + col] + p[rb0 + col];
                for (int i = 0; i < inputs; i++) { a[g] += x[i] * p[(i * width) + col]; }
                for (int j = 0; j < units; j++) { a[g] += h[j] * p[r0 + (j * width) + col]; }
            }

            double input = 1 / (1 + Math.Exp(-a[0])), output = 1 / (1 + Math.Exp(-a[1])), forget = 1 / (1 + Math.Exp(-a[2]));
            cNext[u] = (forget * c[u]) + (input * Math.Tanh(a[3]));
            hNext[u] = output * Math.Tanh(cNext[u]);
        }

        return (hNext, cNext);
    }

    private static void AssertClose<TExpected, TActual>(TExpected[] expected, TActual[] actual, double tolerance)
        where TExpected : INumberBase<TExpected>
        where TActual : INumberBase<TActual>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]), a = double.CreateTruncating(actual[i]);
            Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"[{i}]: expected {e}, got {a} (tolerance {tolerance})");
        }
    }
}

/// <summary>The parameters of a generated sequence network start on a cache line (SequenceWeights.AllocateAligned).</summary>
public sealed class AlignedParameterTests
{
    [Fact]
    public unsafe void Parameters_start_on_a_64_byte_boundary_and_stay_there()
    {
        var networks = new object[] { new LstmSingle32(), new GruSingle(), new GruNet() };
        GC.Collect();
        GC.Collect();
        foreach (var network in networks)
        {
            if (network is ISequenceNetwork<float> single)
            {
                fixed (float* p = single.Parameters) { Assert.Equal(0, (long)p % 64); }
                Assert.Equal(single.ParameterCount, single.Parameters.Length);
            }
            else
            {
                var dbl = (ISequenceNetwork<double>)network;
                fixed (double* p = dbl.Parameters) { Assert.Equal(0, (long)p % 64); }
            }
        }

        var segment = GenNet.CompilerServices.SequenceWeights.AllocateAligned<double>(5);
        Assert.Equal(5, segment.Count);
        Assert.All(segment, v => Assert.Equal(0, v));
    }
}
