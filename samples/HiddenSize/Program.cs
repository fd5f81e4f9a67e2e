// "A Neural Network in 13 lines of Python (Part 2 - Gradient Descent)" by Andrew Trask, "Improvement 2:
// Parameterizing the Size of the Hidden Layer": the alpha sweep with 32 hidden neurons, printed as the blog prints it.
using System;
using GenNet.Samples.HiddenSize;

HiddenSizeSweep.Print(Console.Out);

Console.WriteLine();
Console.WriteLine("Side by side with the blog: alpha 10's errors differ from its printout from the 3rd digit on. That run is");
Console.WriteLine("chaotic: the last bit of one exp() changes where it ends, and the blog (2015), numpy today and .NET each");
Console.WriteLine("round exp() their own way; all three converge to about 0.00094. README: \"From the blog to GenNet\".");
