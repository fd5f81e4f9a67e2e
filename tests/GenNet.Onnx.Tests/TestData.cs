using System;
using GenNet;

namespace GenNet.Onnx.Tests;

internal static class TestData
{
    /// <summary>Inputs uniform in [−2, 2), row-major, from <paramref name="seed"/>.</summary>
    public static double[] Inputs(int rows, int width, int seed)
    {
        var values = new double[rows * width];
        new NumpyRandom(seed).FillSymmetricUniform(values);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= 2;
        }

        return values;
    }

    public static float[] InputsSingle(int rows, int width, int seed) => Array.ConvertAll(Inputs(rows, width, seed), v => (float)v);

    public static string Reference(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Reference", name);
}
