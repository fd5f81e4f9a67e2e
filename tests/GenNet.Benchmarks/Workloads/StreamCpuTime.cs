using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// The models of <see cref="RecurrentStreamBenchmarks"/> timed by this thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>)
/// rather than wall-clock time, the single-stream Step and every stream count interleaved round after round, fastest
/// round of each: on a shared, oversubscribed machine the time the thread waits for a core then counts for neither side,
/// so the ratio is the one of the work. Run with <c>-- --streams-cpu</c> (Linux only; no BenchmarkDotNet).
/// </summary>
public static class StreamCpuTime
{
    private const int Rounds = 40;
    private const int StreamSteps = 1 << 15;

    public static string Run()
    {
        var samples = new float[RecurrentStreamBaselineBenchmarks.Samples + 256];
        new NumpyRandom(1).FillSymmetricUniform(samples);
        var gru = new RecurrentGru16();
        var lstm = new RecurrentLstm16();
        var lstm32 = new RecurrentLstm32();
        gru.InitializeWeights(2);
        lstm.InitializeWeights(2);
        lstm32.InitializeWeights(2);
        (string Model, Action<float[]> Single, Func<int, ISequenceStreams<float>> Create)[] models =
        {
            ("GRU 1→16, dense 16→1", s => Single(gru, s), n => gru.CreateStreams(n)),
            ("LSTM 1→16, dense 16→1", s => Single(lstm, s), n => lstm.CreateStreams(n)),
            ("LSTM 1→32, dense 32→1", s => Single(lstm32, s), n => lstm32.CreateStreams(n)),
        };

        var table = new StringBuilder();
        table.AppendLine(Invariant($"### Many-stream throughput by thread CPU time (float, {StreamSteps:N0} stream-steps per round, fastest of {Rounds} interleaved rounds)"));
        table.AppendLine();
        table.AppendLine("| model | single Step ns | N | ns per stream-step | speed-up |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach ((string model, Action<float[]> single, Func<int, ISequenceStreams<float>> create) in models)
        {
            int[] counts = RecurrentStreamBenchmarks.Counts is int[] c ? c : new[] { 1, 8, 16, 64, 256 };
            var streams = new ISequenceStreams<float>[counts.Length];
            var outputs = new float[counts.Length][];
            for (int i = 0; i < counts.Length; i++)
            {
                streams[i] = create(counts[i]);
                outputs[i] = new float[counts[i]];
            }

            double best = double.MaxValue;
            var bestStreams = new double[counts.Length];
            Array.Fill(bestStreams, double.MaxValue);
            for (int round = -3; round < Rounds; round++)   // three rounds of warm-up (tiering)
            {
                double t0 = CpuNanoseconds();
                single(samples);
                double t1 = CpuNanoseconds();
                if (round >= 0)
                {
                    best = Math.Min(best, (t1 - t0) / StreamSteps);
                }

                for (int i = 0; i < counts.Length; i++)
                {
                    t0 = CpuNanoseconds();
                    Many(streams[i], samples, outputs[i]);
                    t1 = CpuNanoseconds();
                    if (round >= 0)
                    {
                        bestStreams[i] = Math.Min(bestStreams[i], (t1 - t0) / StreamSteps);
                    }
                }
            }

            for (int i = 0; i < counts.Length; i++)
            {
                table.AppendLine(Invariant($"| {model} | {best:F1} | {counts[i]} | {bestStreams[i]:F2} | {best / bestStreams[i]:F1}× |"));
            }
        }

        return table.ToString();
    }

    private static void Single<TNet>(TNet net, float[] samples)
        where TNet : ISequenceNetwork<float>
    {
        Span<float> output = stackalloc float[1];
        for (int i = 0; i < StreamSteps; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (RecurrentStreamBaselineBenchmarks.Samples - 1), 1), output);
        }
    }

    private static void Many(ISequenceStreams<float> streams, float[] samples, float[] outputs)
    {
        int n = streams.Count;
        for (int i = 0; i < StreamSteps / n; i++)
        {
            streams.Step(new ReadOnlySpan<float>(samples, i & (RecurrentStreamBaselineBenchmarks.Samples - 1), n), outputs);
        }
    }

    private static double CpuNanoseconds()
    {
        if (clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out TimeSpec time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1e9) + time.Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
