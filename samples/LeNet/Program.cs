using GenNet.Samples.Classifiers;
using GenNet.Samples.LeNet;

// Usage: LeNet [data folder] [epochs] [output folder]
// The data folder holds the four Fashion-MNIST IDX files (gzip or raw); by default Debian's /usr/share/datasets/fashion-mnist.
return FashionMnistProgram.Run(args, "LeNet", LeNet5.Architecture, () => new LeNet5(), LeNetSettings.Default);
