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
/// RTNeural's streaming models on the per-step protocol of <see cref="RecurrentStepBenchmarks"/> and
/// <see cref="ConvolutionStepBenchmarks"/>: <c>rtneural/build.sh</c> with <c>GENNET_RTNEURAL_BENCH=</c>the program
/// compiles the C++ program (g++ -O3 -march=native, Eigen backend), which prints one "id ns" line per model;
/// <see cref="Table"/> sets them beside GenNet's figures of the same run.
/// </summary>
/// <param name="Name">The models in words, for messages ("recurrent", "Conv1D").</param>
/// <param name="Program">The C++ program in <c>rtneural/</c>, without <c>.cpp</c>.</param>
/// <param name="Heading">The table's heading.</param>
/// <param name="Models">GenNet's benchmark method, the program's id and the model in words, per row.</param>
public sealed record RTNeuralStepPeer(string Name, string Program, string Heading, IReadOnlyList<(string Method, string Id, string Model)> Models)
{
    public static RTNeuralStepPeer Recurrent { get; } = new("recurrent", "gennet_recurrent_bench",
        string.Create(CultureInfo.InvariantCulture, $"Recurrent per-step latency beside RTNeural (float, one sample per Step, {RecurrentStepBenchmarks.Calls:N0} steps per repetition, min of {RecurrentStepBenchmarks.Repetitions})"),
        RecurrentStepBenchmarks.Models);

    public static RTNeuralStepPeer Convolution { get; } = new("Conv1D", "gennet_conv1d_bench",
        string.Create(CultureInfo.InvariantCulture, $"Streaming Conv1D per-step latency beside RTNeural (float, one sample per Step, {ConvolutionStepBenchmarks.Calls:N0} steps per repetition, min of {ConvolutionStepBenchmarks.Repetitions})"),
        ConvolutionStepBenchmarks.Models);

    /// <summary>Builds and runs the C++ program; null, saying why, when it cannot.</summary>
    public IReadOnlyDictionary<string, double>? Run()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "rtneural", "build.sh");
        string buildDirectory = Path.Combine(AppContext.BaseDirectory, $"rtneural-build-{Program}");
        (int buildExit, string buildOutput, string buildError) = Execute("bash", new[] { script, buildDirectory }, build: true);
        if (buildExit != 0)
        {
            Console.WriteLine($"RTNeural {Name} peer skipped: the build failed (exit {buildExit}): {buildError.Trim()}");
            return null;
        }

        string program = buildOutput.Trim().Split('\n')[^1].Trim();
        Console.WriteLine($"RTNeural {Name} peer: running {program} ...");
        (int exit, string output, string error) = Execute(program, Array.Empty<string>(), build: false);
        if (exit != 0)
        {
            Console.WriteLine($"RTNeural {Name} peer skipped: {program} failed (exit {exit}): {error.Trim()}");
            return null;
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' '))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The Markdown table: GenNet's fastest of 7 and RTNeural's fastest of 7, ns per step, and their ratio.</summary>
    public string Table(BenchmarkResults results, IReadOnlyDictionary<string, double>? rtneural)
    {
        var s = new StringBuilder();
        s.AppendLine("### " + Heading);
        s.AppendLine();
        s.AppendLine("| model | GenNet ns / step | RTNeural ns / step | GenNet ÷ RTNeural | GenNet allocated / step |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach ((string method, string id, string model) in Models)
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

    private (int Exit, string Output, string Error) Execute(string file, IEnumerable<string> arguments, bool build)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (build)
        {
            start.Environment["GENNET_RTNEURAL_BENCH"] = Program;
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
