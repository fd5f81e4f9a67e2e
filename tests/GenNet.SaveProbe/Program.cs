using System;
using GenNet.Persistence;
using GenNet.Onnx;
using GenNet.Persistence.Numpy;

// Usage: GenNet.SaveProbe npy|gnw|onnx <folder> <first value>
// Saves the network over and over, every weight equal to the save's number (first, first + 1, …), and prints
// "saved N" after each, so that a reader can tell a whole save (one value everywhere) from a mix of two.
string format = args[0], folder = args[1];
long value = long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var network = new GenNet.SaveProbe.KillProbeNet();
Console.Out.Flush();
for (; ; value++)
{
    network.Parameters.Fill(value);
    if (format == "npy")
    {
        NumpyWeights.Save(network, folder);
    }
    else if (format == "onnx")
    {
        OnnxExporter.Save(network, System.IO.Path.Combine(folder, "net.onnx"));
    }
    else
    {
        WeightFile.Save(network, System.IO.Path.Combine(folder, "net.gnw"));
    }

    Console.WriteLine($"saved {value}");
    Console.Out.Flush();
}
