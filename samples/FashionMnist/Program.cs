using GenNet.Samples.Classifiers;
using GenNet.Samples.FashionMnist;

// Usage: FashionMnist [data folder] [epochs] [output folder]
// The data folder holds the four IDX files (gzip or raw); by default Debian's /usr/share/datasets/fashion-mnist.
return FashionMnistProgram.Run(args, "FashionMnist", FashionNet.Architecture, () => new FashionNet(), new FashionMnistSettings());
