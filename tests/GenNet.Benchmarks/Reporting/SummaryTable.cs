using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using GenNet.Benchmarks.Workloads;

namespace GenNet.Benchmarks.Reporting;

/// <summary>The Markdown table of one run: times, allocations and the ratios the speed issue sets targets for.</summary>
public static class SummaryTable
{
    public static string Write(BenchmarkResults r, NumpyTiming? numpy)
    {
        var s = new StringBuilder();
        s.AppendLine(Machine());
        s.AppendLine();

        s.AppendLine("### Blog workload: XOR 3-4-1, 4 rows, 60,000 full-batch iterations (time per iteration)");
        s.AppendLine();
        s.AppendLine("| implementation | ns / iteration | allocated / iteration | numpy ÷ this | naive C# (same precision) ÷ this |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        double? numpyNs = numpy?.MedianNanoseconds;
        if (numpy is not null)
        {
            s.AppendLine(Invariant($"| numpy {numpy.NumpyVersion} (blog script, float64, median of 3) | {numpy.MedianNanoseconds:N0} | — | 1.0× | — |"));
        }

        foreach ((string label, string method, string naive) in new[]
        {
            ("naive C# double", "NaiveDouble", "NaiveDouble"), ("naive C# float", "NaiveSingle", "NaiveSingle"),
            ("GenNet double", "GenNetDouble", "NaiveDouble"), ("GenNet float", "GenNetSingle", "NaiveSingle"),
            ("GenNet double, NumpyCompatible (exact path)", "GenNetDoubleNumpyCompatible", "NaiveDouble"),
        })
        {
            double? ns = r.Nanoseconds(method);
            if (ns is null)
            {
                continue;
            }

            s.AppendLine(Invariant($"| {label} | {ns:N1} | {Bytes(r.Bytes(method))} | {Ratio(numpyNs, ns)} | {Ratio(r.Nanoseconds(naive), ns)} |"));
        }

        s.AppendLine();
        s.AppendLine("### Single-row Predict latency (float)");
        s.AppendLine();
        s.AppendLine("| network | GenNet ns | naive C# ns | ONNX Runtime ns | ONNX ÷ GenNet | naive ÷ GenNet | GenNet allocated |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (string net in new[] { "3x4x1", "16x64x4" })
        {
            double? g = r.Nanoseconds("GenNet" + net), n = r.Nanoseconds("Naive" + net), o = r.Nanoseconds("OnnxRuntime" + net);
            if (g is not null)
            {
                s.AppendLine(Invariant($"| {net.Replace('x', '-')} | {g:N1} | {Format(n)} | {Format(o)} | {Ratio(o, g)} | {Ratio(n, g)} | {Bytes(r.Bytes("GenNet" + net))} |"));
            }
        }

        s.AppendLine();
        s.AppendLine("### Training throughput (float, one gradient-descent step per mini-batch)");
        s.AppendLine();
        s.AppendLine("| network, data | batch | GenNet rows/s | naive C# rows/s | GenNet ÷ naive | GenNet allocated / step |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach ((string label, string name) in new[] { ("64-32-10, digits", "Digits"), ("784-128-10, Fashion-MNIST", "Fashion") })
        {
            foreach (int batch in new[] { 32, 256 })
            {
                string p = $"[Batch={batch}]";
                double? g = r.Nanoseconds("GenNet" + name, p), n = r.Nanoseconds("Naive" + name, p);
                if (g is not null)
                {
                    s.AppendLine(Invariant($"| {label} | {batch} | {RowsPerSecond(batch, g)} | {RowsPerSecond(batch, n)} | {Ratio(n, g)} | {Bytes(r.Bytes("GenNet" + name, p))} |"));
                }
            }
        }

        s.AppendLine();
        s.AppendLine("### 784-128-10 at batch 256 against the measured peak (float, one thread)");
        s.AppendLine();
        s.AppendLine("| kernel | time | GFLOP/s | % of measured peak |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        double? peak256 = Gflops(2.0 * ThroughputCeilingBenchmarks.Chains * Vector256<float>.Count, r.Nanoseconds("PeakFma256"));
        double? peak512 = Gflops(2.0 * ThroughputCeilingBenchmarks.Chains * Vector512<float>.Count, r.Nanoseconds("PeakFma512"));
        double? peak = Math.Max(peak256 ?? 0, peak512 ?? 0) is var p0 && p0 > 0 ? p0 : null;
        s.AppendLine(Invariant($"| peak FMA, 256-bit (12 chains) | {Format(r.Nanoseconds("PeakFma256"))} ns / 12 FMAs | {Format(peak256)} | {Percent(peak256, peak)} |"));
        s.AppendLine(Invariant($"| peak FMA, 512-bit (12 chains) | {Format(r.Nanoseconds("PeakFma512"))} ns / 12 FMAs | {Format(peak512)} | {Percent(peak512, peak)} |"));
        long forwardFlops = 2 * ThroughputCeilingBenchmarks.ForwardMultiplyAdds;
        long trainFlops = (2 * forwardFlops) + (2L * ThroughputCeilingBenchmarks.FashionBatch * 128 * 10);
        double? forward = Gflops(forwardFlops, r.Nanoseconds("Forward784x128x10"));
        double? train = Gflops(trainFlops, r.Nanoseconds("TrainStep784x128x10"));
        s.AppendLine(Invariant($"| PredictBatch (forward), {forwardFlops / 1e6:N1} MFLOP | {Micro(r.Nanoseconds("Forward784x128x10"))} | {Format(forward)} | {Percent(forward, peak)} |"));
        s.AppendLine(Invariant($"| TrainStep (forward, backward, update), {trainFlops / 1e6:N1} MFLOP | {Micro(r.Nanoseconds("TrainStep784x128x10"))} | {Format(train)} | {Percent(train, peak)} |"));
        WriteConvolution2D(s, r, peak);
        return s.ToString();
    }

    // LeNet-5's Conv2D kernels (Convolution2DKernelBenchmarks), one image each, against the same measured peak.
    private static void WriteConvolution2D(StringBuilder s, BenchmarkResults r, double? peak)
    {
        if (r.Nanoseconds(Convolution2DKernelBenchmarks.Layers[0].Forward) is null && r.Nanoseconds(Convolution2DKernelBenchmarks.Layers[1].Forward) is null)
        {
            return;
        }

        s.AppendLine();
        s.AppendLine("### Conv2D kernels, LeNet-5 layers (float, one image, one thread) against the measured peak");
        s.AppendLine();
        s.AppendLine("| layer | kernel | MFLOP | time | GFLOP/s | % of measured peak | allocated |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var layer in Convolution2DKernelBenchmarks.Layers)
        {
            double flops = 2.0 * layer.Shape.MultiplyAdds;
            foreach ((string kernel, string method) in new[] { ("Forward", layer.Forward), ("AccumulateWeightGradient", layer.WeightGradient), ("InputGradient", layer.InputGradient) })
            {
                double? ns = r.Nanoseconds(method);
                double? gflops = Gflops(flops, ns);
                s.AppendLine(Invariant($"| {layer.Layer} | {kernel} | {flops / 1e6:N3} | {(ns is null ? "—" : Invariant($"{ns.Value / 1000:N2} µs"))} | {Format(gflops)} | {Percent(gflops, peak)} | {Bytes(r.Bytes(method))} |"));
            }
        }
    }

    /// <summary>The machine line every table starts with: architecture, cores, runtime, OS, AVX-512.</summary>
    public static string Machine() =>
        Invariant($"Machine: {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; AVX-512 {(Vector512.IsHardwareAccelerated ? "on" : "off")}.");

    private static double? Gflops(double flopsPerOperation, double? nanoseconds) => nanoseconds is null ? null : flopsPerOperation / nanoseconds.Value;

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is null || denominator is null ? "—" : Invariant($"{numerator.Value / denominator.Value:N1}×");

    private static string Percent(double? part, double? whole) =>
        part is null || whole is null ? "—" : Invariant($"{100 * part.Value / whole.Value:N0}%");

    private static string Format(double? value) => value is null ? "—" : Invariant($"{value.Value:N1}");

    private static string Micro(double? nanoseconds) => nanoseconds is null ? "—" : Invariant($"{nanoseconds.Value / 1000:N1} µs");

    private static string RowsPerSecond(int batch, double? nanoseconds) => nanoseconds is null ? "—" : Invariant($"{batch / (nanoseconds.Value * 1e-9):N0}");

    private static string Bytes(long? bytes) => bytes is null ? "?" : Invariant($"{bytes} B");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
