using System;
using System.IO;
using GenNet.Data;
using GenNet.Persistence;
using GenNet.Training;
using GenNet.Samples.Classifiers;
using GenNet.Samples.Iris;

// Iris: CSV → seeded split → standardise (fitted on the training rows only) → train → confusion matrix → save the
// weights and the scaling → reload into a fresh network → same predictions → ONNX. Output folder: first argument.
string output = Path.GetFullPath(args.Length > 0 ? args[0] : "iris-output");
Directory.CreateDirectory(output);

LabelledData<float> iris = CsvDataset.Read<float>(IrisSample.DataPath, new CsvDatasetOptions { Header = CsvHeader.ScikitLearn });
var (trainX, trainLabels, testX, testLabels) =
    Classification.Split<float>(iris.Inputs, iris.Width, iris.Labels, IrisSample.TestFraction, IrisSample.SplitSeed);

Standardizer scaler = Standardizer.Fit<float>(trainX, iris.Width);
float[] trainScaled = scaler.Transformed<float>(trainX), testScaled = scaler.Transformed<float>(testX);

var network = new IrisNet();
network.InitializeWeights(IrisSample.WeightSeed);
var options = new TrainingOptions<float> { Epochs = 100, BatchSize = 8, LearningRate = 0.01f, ShuffleSeed = 1, ReportEvery = 0 };
Trainer.Train(network, trainScaled, Classification.OneHot<float>(trainLabels, iris.Classes), options, new Adam());

ConfusionMatrix test = ConfusionMatrix.Compute(network, testScaled, testLabels);
ClassifierConsole.WriteConfusionMatrix(test, iris.ClassNames);
Console.WriteLine($"Test accuracy: {test.Accuracy * 100:F2}% ({test.Correct} of {test.Total}), {trainLabels.Length} training rows");

string weights = Path.Combine(output, "iris" + WeightFile.Extension), scaling = Path.Combine(output, "iris" + Standardizer.Extension);
WeightFile.Save(network, weights);
scaler.Save(scaling);

// A fresh network and scaler from the files: the raw test rows must get exactly the same outputs.
var reloaded = new IrisNet();
WeightFile.Load(reloaded, weights);
float[] before = IrisSample.Predict(network, testScaled);
float[] after = IrisSample.Predict(reloaded, Standardizer.Load(scaling).Transformed<float>(testX));
bool same = before.AsSpan().SequenceEqual(after);
Console.WriteLine($"Reloaded from {weights} and {scaling}: {(same ? "same predictions" : "PREDICTIONS DIFFER")}");

string model = Path.Combine(output, "iris.onnx");
OnnxModel.Save(network, model, new OnnxExportOptions { Description = "GenNet Iris sample: 4 standardised measurements (iris.gns) → species probabilities" });
Console.WriteLine($"ONNX: {model}");
return same ? 0 : 1;
