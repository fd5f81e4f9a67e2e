using System;
using System.IO;
using GenNet.Samples.Shared;
using GenNet.Training;

namespace GenNet.Samples.AlphaSweep;

/// <summary>
/// Part 2's "Let's Take a Closer Look": for each alpha, the 3-4-1 network from <c>np.random.seed(1)</c> trained
/// for 60,000 full-batch steps, printing the error every 10,000 steps, then both synapses and how often each
/// weight's update changed direction, in the blog's layout.
/// </summary>
public static class CloserLook
{
    private const int Synapse0Size = SweepNet.InputCount * SweepNet.HiddenCount;

    /// <summary>Runs the seven trainings and writes what the blog's script prints.</summary>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (double alpha in BlogData.Alphas)
        {
            // print "\nTraining With Alpha:" + str(alpha)
            output.WriteLine();
            output.WriteLine("Training With Alpha:" + PythonFormat.Literal(alpha));

            // np.random.seed(1); synapse_0 = 2*np.random.random((3,4)) - 1; synapse_1 = 2*np.random.random((4,1)) - 1
            var network = new SweepNet();
            network.InitializeWeights(BlogData.Seed);

            // synapse_*_direction_count += np.abs(((update > 0)+0) - ((prev_update > 0)+0)), for every step j > 0
            var directionChanges = new DirectionChangeCounter<double>(SweepNet.ParameterCount);

            // for j in xrange(60000): forward, error, deltas, synapse += alpha * update;
            // if (j % 10000) == 0: print "Error:" + str(np.mean(np.abs(layer_2_error)))
            var options = new TrainingOptions<double>
            {
                Iterations = BlogData.SweepIterations,
                LearningRate = alpha,
                ReportEvery = BlogData.SweepReportEvery,
            };
            var progress = new ProgressCallback<TrainingProgress<double>>(p => output.WriteLine("Error:" + PythonFormat.Str(p.Error)));
            Trainer.Train(network, BlogData.XorInputs, BlogData.XorTargets, options, progress, directionChanges);

            ReadOnlySpan<int> counts = directionChanges.Counts;
            output.WriteLine("Synapse 0");
            output.WriteLine(NumpyFormat.Matrix(network.Synapse0, SweepNet.InputCount, SweepNet.HiddenCount));
            output.WriteLine("Synapse 0 Update Direction Changes");
            output.WriteLine(NumpyFormat.Matrix(counts[..Synapse0Size], SweepNet.InputCount, SweepNet.HiddenCount));
            output.WriteLine("Synapse 1");
            output.WriteLine(NumpyFormat.Matrix(network.Synapse1, SweepNet.HiddenCount, SweepNet.OutputCount));
            output.WriteLine("Synapse 1 Update Direction Changes");
            output.WriteLine(NumpyFormat.Matrix(counts[Synapse0Size..], SweepNet.HiddenCount, SweepNet.OutputCount));
        }
    }
}
