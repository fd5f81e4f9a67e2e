// The two-layer networks (no hidden layer) of Andrew Trask's "A Neural Network in 11 lines of Python (Part 1)" and
// "... in 13 lines of Python (Part 2)", printed as the blog prints them so the two can be read side by side.
using System;
using GenNet.Samples.TwoLayer;

TwoLayerExperiment.Print(Console.Out);
