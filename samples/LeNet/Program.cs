using System;
using System.Linq;
using GenNet.Samples.Classifiers;
using GenNet.Samples.LeNet;

// Usage: LeNet [data folder] [epochs] [output folder] [--batchnorm]
// The data folder holds the four Fashion-MNIST IDX files (gzip or raw); by default Debian's /usr/share/datasets/fashion-mnist.
// --batchnorm trains the batch-normalised LeNet-5 instead.
bool normalized = args.Contains("--batchnorm", StringComparer.Ordinal);
string[] rest = args.Where(a => a != "--batchnorm").ToArray();
return normalized
    ? FashionMnistProgram.Run(rest, "LeNet-BatchNorm", BatchNormLeNet5.Architecture, () => new BatchNormLeNet5(), LeNetSettings.BatchNormalized)
    : FashionMnistProgram.Run(rest, "LeNet", LeNet5.Architecture, () => new LeNet5(), LeNetSettings.Default);
