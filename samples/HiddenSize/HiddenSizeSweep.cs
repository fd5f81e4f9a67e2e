using System;
using System.Globalization;
using System.IO;
using GenNet.Samples.Shared;
using GenNet.Training;

namespace GenNet.Samples.HiddenSize;

/// <summary>
/// Part 2's "Improvement 2: Parameterizing the Size of the Hidden Layer": the alpha sweep again, with 32 hidden
/// neurons instead of 4, printing the error every 10,000 steps in the blog's layout.
/// </summary>
public static class HiddenSizeSweep
{
    /// <summary>Runs the seven trainings and writes what the blog's script prints.</summary>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (double alpha in BlogData.Alphas)
        {
            // print "\nTraining With Alpha:" + str(alpha)
            output.WriteLine();
            output.WriteLine("Training With Alpha:" + PythonFormat.Literal(alpha));

            // np.random.seed(1); synapse_0 = 2*np.random.random((3,hiddenSize)) - 1; synapse_1 = ...((hiddenSize,1)) - 1
            var network = new HiddenSizeNet();
            network.InitializeWeights(BlogData.Seed);

            // for j in xrange(60000): ...; synapse_1 -= alpha * (layer_1.T.dot(layer_2_delta)); synapse_0 -= ...
            // if (j % 10000) == 0: print "Error after "+str(j)+" iterations:" + str(np.mean(np.abs(layer_2_error)))
            var options = new TrainingOptions<double>
            {
                Iterations = BlogData.SweepIterations,
                LearningRate = alpha,
                ReportEvery = BlogData.SweepReportEvery,
            };
            var progress = new ProgressCallback<TrainingProgress<double>>(p => output.WriteLine(
                "Error after " + p.Iteration.ToString(CultureInfo.InvariantCulture) + " iterations:" + PythonFormat.Str(p.Error)));
            Trainer.Train(network, BlogData.XorInputs, BlogData.XorTargets, options, progress);
        }
    }
}
