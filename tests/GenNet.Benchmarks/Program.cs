// GenNet's benchmarks: BenchmarkDotNet runs the workloads (blog, predict latency, training throughput, throughput
// ceiling), then the blog's numpy script is timed on the same iteration count, and one table of ratios from this one
// run is printed and written to BenchmarkDotNet.Artifacts/results/GenNet-summary.md.
//
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --job short
//
// Any BenchmarkDotNet argument works (--filter '*Blog*', --inProcess, ...); with no --filter every benchmark runs.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using GenNet.Benchmarks;
using GenNet.Benchmarks.Reporting;

string[] arguments = args.Any(a => a.StartsWith("--filter", StringComparison.Ordinal)) ? args : args.Append("--filter").Append("*").ToArray();
IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithOptions(ConfigOptions.JoinSummary);
IEnumerable<BenchmarkDotNet.Reports.Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(BlogXorDouble).Assembly).Run(arguments, config);

var results = new BenchmarkResults(summaries);
NumpyTiming? numpy = NumpyTiming.Run(GenNet.Benchmarks.Workloads.BlogWorkloadBenchmarks.Iterations);
string table = SummaryTable.Write(results, numpy);
Console.WriteLine();
Console.WriteLine(table);
string directory = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
Directory.CreateDirectory(directory);
File.WriteAllText(Path.Combine(directory, "GenNet-summary.md"), table);
Console.WriteLine($"Written to {Path.Combine(directory, "GenNet-summary.md")}");
