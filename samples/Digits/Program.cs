using System;
using System.IO;
using System.Linq;
using GenNet.Data;
using GenNet.Persistence;
using GenNet.Samples.Classifiers;
using GenNet.Samples.Digits;
using Spectre.Console;

// Trains DigitsNet on the 8×8 digits, shows the test set's confusion matrix, and writes to the output folder (first
// argument, default ./digits-output) the loss and accuracy curves, the weights and an ONNX model.
string output = Path.GetFullPath(args.Length > 0 ? args[0] : "digits-output");
Directory.CreateDirectory(output);

DigitsData data = DigitsData.Load(DigitsData.DefaultPath);
var settings = new DigitsSettings();
ClassifierConsole.WriteHeader(
    "GenNet · handwritten digits (8×8)",
    DigitsNet.Architecture,
    $"Data: {data.Rows:N0} images, {100 * settings.TestFraction:F0}% held out for testing (split seed {settings.SplitSeed})",
    $"Training: Adam, learning rate {settings.LearningRate}, mini-batches of {settings.BatchSize}, {settings.Epochs} epochs");

DigitsRun run = ClassifierConsole.Train("Training", settings.Epochs, display =>
    DigitsExperiment.Run(data, settings, epoch => display.Update(epoch.Epoch, ClassifierConsole.Summary(epoch, settings.Epochs))));

ClassifierConsole.WriteHistory(run.History, every: 5);
ClassifierConsole.WriteConfusionMatrix(run.Test, Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray());

string curves = Path.Combine(output, "digits-curves.png");
TrainingCurves.SavePng(run.History, "Digits", curves);

// The weights go to a .gnw file; a fresh network loaded from it must classify exactly as the trained one.
string weights = Path.Combine(output, "digits" + WeightFile.Extension);
WeightFile.Save(run.Network, weights);
var reloaded = new DigitsNet();
WeightFile.Load(reloaded, weights);
var (_, _, testInputs, testLabels) = GenNet.Data.Classification.Split<float>(data.Inputs, DigitsData.Features, data.Labels, settings.TestFraction, settings.SplitSeed);
ConfusionMatrix check = ConfusionMatrix.Compute(reloaded, testInputs, testLabels);

string model = Path.Combine(output, "digits.onnx");
OnnxModel.Save(run.Network, model, new OnnxExportOptions { Description = "GenNet Digits sample: 8×8 pixels scaled to [0, 1] → digit probabilities" });

AnsiConsole.MarkupLineInterpolated($"Curves:  [link]{curves}[/]");
AnsiConsole.MarkupLineInterpolated($"Weights: [link]{weights}[/] (reloaded: {check.Correct} of {check.Total} correct, as trained: {run.Test.Correct})");
AnsiConsole.MarkupLineInterpolated($"ONNX:    [link]{model}[/]");
return check.Correct == run.Test.Correct ? 0 : 1;
