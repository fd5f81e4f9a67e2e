using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GenNet.Benchmarks.Reporting;
using GenNet.Benchmarks.Workloads;

namespace GenNet.Benchmarks.Peers;

/// <summary>
/// RTNeural's streaming Conv1D models (Conv1DT) on the protocol of <see cref="ConvolutionStepBenchmarks"/>: <c>rtneural/build.sh</c> with
/// <c>GENNET_RTNEURAL_BENCH=gennet_conv1d_bench</c> compiles the C++ program (g++ -O3 -march=native, Eigen backend),
/// which prints one "id ns" line per model; <see cref="Table"/> sets them beside GenNet's figures of the same run.
/// </summary>
public static class RTNeuralConvolutionPeer
{
    /// <summary>Builds and runs the C++ program; null, saying why, when it cannot.</summary>
    public static IReadOnlyDictionary<string, double>? Run()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "rtneural", "build.sh");
        string buildDirectory = Path.Combine(AppContext.BaseDirectory, "rtneural-conv1d-build");
        (int buildExit, string buildOutput, string buildError) = Execute("bash", new[] { script, buildDirectory }, build: true);
        if (buildExit != 0)
        {
            Console.WriteLine($"RTNeural Conv1D peer skipped: the build failed (exit {buildExit}): {buildError.Trim()}");
            return null;
        }

        string program = buildOutput.Trim().Split('\n')[^1].Trim();
        Console.WriteLine($"RTNeural Conv1D peer: running {program} ...");
        (int exit, string output, string error) = Execute(program, Array.Empty<string>(), build: false);
        if (exit != 0)
        {
            Console.WriteLine($"RTNeural Conv1D peer skipped: {program} failed (exit {exit}): {error.Trim()}");
            return null;
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' '))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The Markdown table: GenNet's fastest of 7 and RTNeural's fastest of 7, ns per step, and their ratio.</summary>
    public static string Table(BenchmarkResults results, IReadOnlyDictionary<string, double>? rtneural)
    {
        var s = new StringBuilder();
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"### Streaming Conv1D per-step latency beside RTNeural (float, one sample per Step, {ConvolutionStepBenchmarks.Calls:N0} steps per repetition, min of {ConvolutionStepBenchmarks.Repetitions})"));
        s.AppendLine();
        s.AppendLine("| model | GenNet ns / step | RTNeural ns / step | GenNet ÷ RTNeural | GenNet allocated / step |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach ((string method, string id, string model) in ConvolutionStepBenchmarks.Models)
        {
            double? gennet = results.MinimumNanoseconds(method);
            double? peer = rtneural is not null && rtneural.TryGetValue(id, out double ns) ? ns : null;
            long? bytes = results.Bytes(method);
            string ratio = gennet is double g && peer is double p ? (g / p).ToString("F2", CultureInfo.InvariantCulture) : "—";
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {model} | {gennet?.ToString("F1", CultureInfo.InvariantCulture) ?? "—"} | {peer?.ToString("F1", CultureInfo.InvariantCulture) ?? "not run"} | {ratio} | {(bytes is long b ? b + " B" : "—")} |"));
        }

        return s.ToString();
    }

    private static (int Exit, string Output, string Error) Execute(string file, IEnumerable<string> arguments, bool build)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (build)
        {
            start.Environment["GENNET_RTNEURAL_BENCH"] = "gennet_conv1d_bench";
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
