// "A Neural Network in 13 lines of Python (Part 2 - Gradient Descent)" by Andrew Trask, "Let's Take a Closer Look":
// the alpha sweep on the 3-4-1 XOR network, printed as the blog prints it so the two can be read side by side.
using System;
using GenNet.Samples.AlphaSweep;

CloserLook.Print(Console.Out);

Console.WriteLine();
Console.WriteLine("Side by side with the blog: alpha 100's errors differ from its printout from the 10th digit on, and alpha 1000's");
Console.WriteLine("synapses by up to a third. Those runs are chaotic: the last bit of one exp() changes where they end, and the");
Console.WriteLine("blog (2015), numpy today and .NET each round exp() their own way. README: \"From the blog to GenNet\".");
