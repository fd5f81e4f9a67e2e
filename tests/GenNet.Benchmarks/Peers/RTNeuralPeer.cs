using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GenNet;

namespace GenNet.Benchmarks.Peers;

/// <summary>One network's line from the C++ peer: its time per forward and its outputs for the check row.</summary>
public sealed record RTNeuralTiming(string Id, double Nanoseconds, float[] CheckOutputs);

/// <summary>The C++ peer's run: the compiler that built it, one timing per network (keyed by layer sizes) and the
/// machine's load average (1, 5, 15 minutes; "?" where unknown) just before it ran.</summary>
public sealed record RTNeuralRun(string Compiler, IReadOnlyDictionary<string, RTNeuralTiming> Timings, string LoadAverage);

/// <summary>
/// RTNeural, the C++ reference for compile-time-specialised networks, timed on the same protocol as
/// <see cref="Workloads.RTNeuralProtocolBenchmarks"/>: <c>rtneural/build.sh</c> unpacks RTNeural's headers and compiles
/// <c>rtneural/gennet_dense_bench.cpp</c> (g++ -O3 -march=native, Eigen backend) under this program's output folder,
/// then the program runs once with GenNet's weights for every network and prints one line per network.
/// </summary>
public static class RTNeuralPeer
{
    /// <summary>
    /// Builds and runs the C++ program with <paramref name="networks"/>' parameters (keyed by their layer sizes, e.g.
    /// "16-64-4"), or returns null, saying why, when g++, bash or RTNeural's archive is missing or the build fails.
    /// </summary>
    public static RTNeuralRun? Run(IEnumerable<INetwork<float>> networks)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "rtneural", "build.sh");
        if (FindOnPath("g++") is null)
        {
            Console.WriteLine("RTNeural peer skipped: g++ not found (apt-get install -y g++).");
            return null;
        }

        if (FindOnPath("bash") is null || !File.Exists(script))
        {
            Console.WriteLine($"RTNeural peer skipped: bash or {script} not found.");
            return null;
        }

        string buildDirectory = Path.Combine(AppContext.BaseDirectory, "rtneural-build");
        Console.WriteLine($"RTNeural peer: building with {script} in {buildDirectory} ...");
        (int buildExit, string buildOutput, string buildError) = Execute("bash", new[] { script, buildDirectory });
        if (buildExit != 0)
        {
            Console.WriteLine($"RTNeural peer skipped: the build failed (exit {buildExit}): {buildError.Trim()}");
            return null;
        }

        string program = buildOutput.Trim().Split('\n')[^1].Trim();
        string parameterDirectory = Path.Combine(buildDirectory, "parameters");
        Directory.CreateDirectory(parameterDirectory);
        foreach (INetwork<float> network in networks)
        {
            File.WriteAllBytes(Path.Combine(parameterDirectory, Id(network) + ".f32"), MemoryMarshal.AsBytes(network.Parameters).ToArray());
        }

        string load = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        Console.WriteLine($"RTNeural peer: running {program} (load average {load}) ...");
        (int exit, string output, string error) = Execute(program, new[] { parameterDirectory });
        if (exit != 0)
        {
            Console.WriteLine($"RTNeural peer skipped: {program} failed (exit {exit}): {error.Trim()}");
            return null;
        }

        var timings = new Dictionary<string, RTNeuralTiming>();
        foreach (string line in output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            float[] outputs = fields.Skip(2).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            timings[fields[0]] = new RTNeuralTiming(fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture), outputs);
        }

        (_, string version, _) = Execute("g++", new[] { "-dumpfullversion" });
        return new RTNeuralRun($"g++ {version.Trim()}", timings, load);
    }

    /// <summary>The C++ program's name for a network: its layer sizes joined by '-', e.g. "16-32-32-32-4".</summary>
    public static string Id(INetwork<float> network) => string.Join("-", network.Architecture.LayerSizes);

    /// <summary>The check row the C++ program reports outputs for: x[k] = ((k mod 8) − 3.5) / 4, exact in float.</summary>
    public static float[] CheckRow(int inputs) => Enumerable.Range(0, inputs).Select(k => ((k % 8) - 3.5f) / 4f).ToArray();

    private static (int Exit, string Output, string Error) Execute(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
