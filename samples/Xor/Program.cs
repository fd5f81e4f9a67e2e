// The three-layer network of "A Neural Network in 11 lines of Python (Part 1)" by Andrew Trask, trained with
// code that GenNet generated at compile time from the [Network] attribute on XorNet.
using System;
using System.Globalization;
using GenNet.Samples.Xor;
using GenNet.Training;

var progress = new ProgressCallback<TrainingProgress<double>>(p =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Error after {p.Iteration} iterations:{p.Error:G12}")));

(XorNet network, TrainingResult<double> result) = XorExperiment.Run(progress);

Console.WriteLine();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Trained {result.Iterations:N0} iterations in {result.Elapsed.TotalMilliseconds:F1} ms; final error {result.FinalError:G6}."));
Console.WriteLine("Output After Training:");
ReadOnlySpan<double> x = XorExperiment.Inputs;
ReadOnlySpan<double> y = XorExperiment.Targets;
Span<double> output = stackalloc double[XorNet.OutputCount];
for (int row = 0; row < y.Length; row++)
{
    ReadOnlySpan<double> input = x.Slice(row * XorNet.InputCount, XorNet.InputCount);
    network.Predict(input, output);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  [{input[0]}, {input[1]}, {input[2]}] -> {output[0]:F6}   (target {y[row]})"));
}
