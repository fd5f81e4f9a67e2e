// GenNet's benchmarks: BenchmarkDotNet runs the workloads (blog, predict latency, training throughput, throughput
// ceiling, RTNeural protocol), then the blog's numpy script is timed on the same iteration count, RTNeural's C++ program
// is built and run when the RTNeural protocol benchmarks ran, and one table of ratios from this one run is printed and
// written to BenchmarkDotNet.Artifacts/results/GenNet-summary.md (the RTNeural table also to GenNet-rtneural.md).
//
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --job short
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --job short --filter '*RTNeuralProtocol*'
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --filter '*RecurrentStep*'
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --filter '*ConvolutionStep*'
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --job short --inProcess --filter '*RecurrentStream*'
//   dotnet run -c Release --project tests/GenNet.Benchmarks -- --streams-cpu
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
using GenNet.Benchmarks.Peers;
using GenNet.Benchmarks.Reporting;
using GenNet.Benchmarks.Workloads;

// Many-stream throughput by thread CPU time, interleaved (see StreamCpuTime): no BenchmarkDotNet.
if (args.Contains("--streams-cpu"))
{
    Console.WriteLine(StreamCpuTime.Run());
    return;
}

string[] arguments = args.Any(a => a.StartsWith("--filter", StringComparison.Ordinal)) ? args : args.Append("--filter").Append("*").ToArray();
IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithOptions(ConfigOptions.JoinSummary);
IEnumerable<BenchmarkDotNet.Reports.Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(BlogXorDouble).Assembly).Run(arguments, config);

var results = new BenchmarkResults(summaries);
NumpyTiming? numpy = NumpyTiming.Run(GenNet.Benchmarks.Workloads.BlogWorkloadBenchmarks.Iterations);
string table = SummaryTable.Write(results, numpy);
string directory = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
Directory.CreateDirectory(directory);

// RTNeural (C++) on the same protocol as RTNeuralProtocolBenchmarks, only when those ran: built and run here, after
// BenchmarkDotNet, with the same networks' weights; its table is appended to the summary and written by itself.
if (RTNeuralProtocolBenchmarks.Networks.Any(n => results.MinimumNanoseconds(n.Method) is not null))
{
    RTNeuralRun? rtneural = RTNeuralPeer.Run(RTNeuralProtocolBenchmarks.Networks.Select(n => n.Create()));
    string rtneuralTable = RTNeuralTable.Write(results, rtneural);
    table += Environment.NewLine + rtneuralTable;
    File.WriteAllText(Path.Combine(directory, "GenNet-rtneural.md"), SummaryTable.Machine() + Environment.NewLine + Environment.NewLine + rtneuralTable);
    Console.WriteLine($"RTNeural table written to {Path.Combine(directory, "GenNet-rtneural.md")}");
}

// RTNeural's recurrent models, only when the recurrent Step benchmarks ran.
if (RecurrentStepBenchmarks.Models.Any(m => results.MinimumNanoseconds(m.Method) is not null))
{
    string recurrentTable = RTNeuralStepPeer.Recurrent.Table(results, RTNeuralStepPeer.Recurrent.Run());
    table += Environment.NewLine + recurrentTable;
    File.WriteAllText(Path.Combine(directory, "GenNet-rtneural-recurrent.md"), SummaryTable.Machine() + Environment.NewLine + Environment.NewLine + recurrentTable);
}

// RTNeural's streaming Conv1D models, only when the Conv1D Step benchmarks ran.
if (ConvolutionStepBenchmarks.Models.Any(m => results.MinimumNanoseconds(m.Method) is not null))
{
    string convolutionTable = RTNeuralStepPeer.Convolution.Table(results, RTNeuralStepPeer.Convolution.Run());
    table += Environment.NewLine + convolutionTable;
    File.WriteAllText(Path.Combine(directory, "GenNet-rtneural-conv1d.md"), SummaryTable.Machine() + Environment.NewLine + Environment.NewLine + convolutionTable);
}

// Many-stream throughput beside the single-stream Step, only when the stream benchmarks ran.
if (RecurrentStreamBenchmarks.Models.Any(m => results.MinimumNanoseconds(m.Streams, $"[N={RecurrentStreamBenchmarks.Counts[0]}]") is not null))
{
    table += Environment.NewLine + StreamTable.Write(results);
}

Console.WriteLine();
Console.WriteLine(table);
File.WriteAllText(Path.Combine(directory, "GenNet-summary.md"), table);
Console.WriteLine($"Written to {Path.Combine(directory, "GenNet-summary.md")}");
