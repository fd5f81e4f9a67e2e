using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace GenNet.Benchmarks.Reporting;

/// <summary>The blog's numpy script (<c>numpy/blog_xor.py</c>) timed by itself on the same iteration count.</summary>
public sealed record NumpyTiming(double MedianNanoseconds, double MinimumNanoseconds, string NumpyVersion, double FinalError)
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Runs the script (3 repeats) or returns null, saying why, when python3 or numpy is missing.</summary>
    public static NumpyTiming? Run(int iterations)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "numpy", "blog_xor.py");
        if (!File.Exists(Python))
        {
            Console.WriteLine($"numpy peer skipped: {Python} not found (apt-get install -y python3-numpy).");
            return null;
        }

        var start = new ProcessStartInfo(Python, $"\"{script}\" {iterations} 3") { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"numpy peer skipped: the script failed ({error.Trim()}); apt-get install -y python3-numpy.");
            return null;
        }

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        return new NumpyTiming(
            root.GetProperty("median_ns").GetDouble(),
            root.GetProperty("min_ns").GetDouble(),
            root.GetProperty("numpy").GetString() ?? "?",
            root.GetProperty("final_error").GetDouble());
    }
}
