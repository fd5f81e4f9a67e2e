using System;

namespace GenNet.Samples.Classifiers;

/// <summary>One epoch of a classifier's training: mean training loss, test loss, both accuracies, and the time so far.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's training rows (measured as the weights moved).</param>
/// <param name="TestLoss">Mean cross-entropy on the test rows after the epoch.</param>
/// <param name="TrainAccuracy">Fraction of training rows classified correctly after the epoch.</param>
/// <param name="TestAccuracy">Fraction of test rows classified correctly after the epoch.</param>
/// <param name="Elapsed">Training time since the start, without the time spent measuring these records.</param>
public readonly record struct EpochRecord(int Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy, TimeSpan Elapsed);
