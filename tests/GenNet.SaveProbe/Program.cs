using System;
using System.Linq;
using GenNet.Persistence;

// Usage: GenNet.SaveProbe npy|gnw|onnx <folder> <first value>
// Saves the network over and over, every weight equal to the save's number (first, first + 1, …), and prints
// "saved N" after each, so that a reader can tell a whole save (one value everywhere) from a mix of two.
if (args[0] is "read-idx" or "read-onnx")
{
    // Usage: GenNet.SaveProbe read-idx|read-onnx <file>: reads a (hostile) file once, prints how it ended and the
    // process's peak resident memory, for Hardening/Saving/HostileFileMemoryTests.
    string outcome;
    try
    {
        if (args[0] == "read-idx")
        {
            GenNet.Data.IdxFile.Read(args[1]);
        }
        else
        {
            OnnxModel.Load(new GenNet.SaveProbe.KillProbeNet(), args[1]);
        }

        outcome = "read";
    }
    catch (Exception error)
    {
        outcome = error.GetType().Name;
    }

    string peak = System.IO.File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
    Console.WriteLine($"outcome {outcome}");
    Console.WriteLine($"peak {long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024}");
    return;
}

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
        OnnxModel.Save(network, System.IO.Path.Combine(folder, "net.onnx"));
    }
    else
    {
        WeightFile.Save(network, System.IO.Path.Combine(folder, "net.gnw"));
    }

    Console.WriteLine($"saved {value}");
    Console.Out.Flush();
}
