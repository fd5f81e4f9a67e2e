using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenNet.Benchmarks.Peers;
using GenNet.Benchmarks.Workloads;
using GenNet;

namespace GenNet.Benchmarks.Reporting;

/// <summary>
/// The Markdown table of GenNet beside RTNeural on RTNeural's protocol: per network, GenNet's fastest of 7 invocations
/// (from <see cref="RTNeuralProtocolBenchmarks"/>) and the C++ program's fastest of 7, both in ns per call, and whether
/// the two compute the same outputs for the check row.
/// </summary>
public static class RTNeuralTable
{
    /// <summary>Outputs agree when they differ by at most this much, relative to max(1, |RTNeural's output|).</summary>
    public const float Tolerance = 1e-4f;

    public static string Write(BenchmarkResults r, RTNeuralRun? rtneural)
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"### Single-row forward latency beside RTNeural (float, bias on; {RTNeuralProtocolBenchmarks.Rows:N0} rows, {RTNeuralProtocolBenchmarks.Calls:N0} calls per repetition, min of {RTNeuralProtocolBenchmarks.Repetitions})"));
        s.AppendLine();
        s.AppendLine(rtneural is null
            ? "RTNeural: not run (see the message above the table)."
            : Invariant($"RTNeural: `ModelT`, Eigen backend, {rtneural.Compiler} -O3 -march=native, run in this process after BenchmarkDotNet with GenNet's weights; load average (1, 5, 15 min) just before it ran: {rtneural.LoadAverage}."));
        s.AppendLine();
        s.AppendLine("| network | GenNet ns | RTNeural ns | GenNet ÷ RTNeural | GenNet mean ns | GenNet allocated / call | outputs (check row) |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach ((string method, Func<INetwork<float>> create) in RTNeuralProtocolBenchmarks.Networks)
        {
            double? g = r.MinimumNanoseconds(method);
            if (g is null)
            {
                continue;
            }

            INetwork<float> network = create();
            string id = RTNeuralPeer.Id(network);
            RTNeuralTiming? peer = rtneural?.Timings.GetValueOrDefault(id);
            s.AppendLine(Invariant($"| {Label(network)} | {g:N1} | {Format(peer?.Nanoseconds)} | {Ratio(g, peer?.Nanoseconds)} | {Format(r.Nanoseconds(method))} | {Bytes(r.Bytes(method))} | {Agreement(network, peer)} |"));
        }

        s.AppendLine();
        s.AppendLine("GenNet ÷ RTNeural below 1 means GenNet is faster. Both sides: rows padded to a multiple of 8 floats, 32-byte aligned; one direct call per row (GenNet's `Predict` on the concrete type, RTNeural's `forward`), summing the first output.");
        return s.ToString();
    }

    // "16-64-4, tanh, sigmoid"; a single layer reads "8-8 (dense 8×8), linear".
    private static string Label(INetwork<float> network)
    {
        var sizes = network.Architecture.LayerSizes;
        string[] activations = network.Architecture.Activations.Select(a => a[(a.LastIndexOf('.') + 1)..].ToLowerInvariant()).ToArray();
        string shape = string.Join("-", sizes);
        if (sizes.Count == 2)
        {
            return $"{shape} (dense {sizes[0]}×{sizes[1]}), {activations[0]}";
        }

        return $"{shape}, {string.Join("/", activations[..^1].Distinct())}, {activations[^1]}";
    }

    private static string Agreement(INetwork<float> network, RTNeuralTiming? peer)
    {
        if (peer is null)
        {
            return "—";
        }

        var output = new float[network.OutputCount];
        network.Predict(RTNeuralPeer.CheckRow(network.InputCount), output);
        if (peer.CheckOutputs.Length != output.Length)
        {
            return Invariant($"DIFFER: {peer.CheckOutputs.Length} outputs against {output.Length}");
        }

        double worst = 0, worstRelative = 0;
        for (int k = 0; k < output.Length; k++)
        {
            double difference = Math.Abs((double)output[k] - peer.CheckOutputs[k]);
            worst = Math.Max(worst, difference);
            worstRelative = Math.Max(worstRelative, difference / Math.Max(1.0, Math.Abs(peer.CheckOutputs[k])));
        }

        return Invariant($"{(worstRelative <= Tolerance ? "agree" : "DIFFER")}, largest difference {worst:0.0e+0}");
    }

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is null || denominator is null ? "—" : Invariant($"{numerator.Value / denominator.Value:N2}×");

    private static string Format(double? value) => value is null ? "—" : Invariant($"{value.Value:N1}");

    private static string Bytes(long? bytes) => bytes is null ? "?" : Invariant($"{bytes} B");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
