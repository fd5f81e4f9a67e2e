using System;
using System.Globalization;
using System.Text;
using GenNet.Benchmarks.Workloads;

namespace GenNet.Benchmarks.Reporting;

/// <summary>
/// The Markdown table of many-stream throughput: per model and stream count N, the time per stream-step of
/// <c>Streams.Step</c> (<see cref="RecurrentStreamBenchmarks"/>) beside one single-stream <c>Step</c>
/// (<see cref="RecurrentStreamBaselineBenchmarks"/>) of the same run, and their ratio (the speed-up per core; the target
/// is at least 4×). Fastest iteration of each.
/// </summary>
public static class StreamTable
{
    public static string Write(BenchmarkResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"### Many-stream throughput (float, {RecurrentStreamBenchmarks.StreamSteps:N0} stream-steps per invocation, fastest iteration; one thread)"));
        s.AppendLine();
        s.AppendLine("| model | single Step ns | N | ns per stream-step | speed-up | allocated / stream-step |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach ((string streams, string single, string model) in RecurrentStreamBenchmarks.Models)
        {
            double? one = r.MinimumNanoseconds(single);
            foreach (int n in RecurrentStreamBenchmarks.Counts)
            {
                string parameters = Invariant($"[N={n}]");
                double? many = r.MinimumNanoseconds(streams, parameters);
                if (many is null)
                {
                    continue;
                }

                string ratio = one is null ? "–" : Invariant($"{one / many:F1}×");
                string bytes = r.Bytes(streams, parameters) is long b ? Invariant($"{b} B") : "?";
                s.AppendLine(Invariant($"| {model} | {(one is null ? "–" : Invariant($"{one:F1}"))} | {n} | {many:F2} | {ratio} | {bytes} |"));
            }
        }

        return s.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
