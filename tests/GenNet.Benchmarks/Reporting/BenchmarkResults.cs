using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;

namespace GenNet.Benchmarks.Reporting;

/// <summary>Mean and fastest time and allocation per operation of each benchmark of one run, by method name and parameters.</summary>
public sealed class BenchmarkResults
{
    private readonly Dictionary<string, (double Nanoseconds, double MinimumNanoseconds, long? Bytes)> _results = new();

    public BenchmarkResults(IEnumerable<Summary> summaries)
    {
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            string key = report.BenchmarkCase.Descriptor.WorkloadMethod.Name + report.BenchmarkCase.Parameters.DisplayInfo;
            long bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            _results[key] = (report.ResultStatistics.Mean, report.ResultStatistics.Min, bytes < 0 ? null : bytes);
        }
    }

    /// <summary>Nanoseconds per operation of <paramref name="method"/> (e.g. "GenNetDigits" with parameters "[Batch=32]"), or null if it did not run.</summary>
    public double? Nanoseconds(string method, string parameters = "") =>
        _results.TryGetValue(method + parameters, out var r) ? r.Nanoseconds : null;

    /// <summary>Nanoseconds per operation of the fastest iteration of <paramref name="method"/>, or null if it did not run.</summary>
    public double? MinimumNanoseconds(string method, string parameters = "") =>
        _results.TryGetValue(method + parameters, out var r) ? r.MinimumNanoseconds : null;

    /// <summary>Bytes allocated per operation, or null if unknown.</summary>
    public long? Bytes(string method, string parameters = "") =>
        _results.TryGetValue(method + parameters, out var r) ? r.Bytes : null;
}
