namespace GenNet.Onnx.Import;

/// <summary>
/// One ONNX <c>RNN</c>, <c>GRU</c> or <c>LSTM</c> node at the start of the chain, with its tensors as stored: W
/// <c>[1, G·U, I]</c>, R <c>[1, G·U, U]</c> and B <c>[1, 2·G·U]</c> (absent: zero), in ONNX's gate order.
/// </summary>
internal sealed record RecurrentLayer(string OperatorType, string Description, int Units, OnnxTensor W, OnnxTensor R, OnnxTensor? B);
