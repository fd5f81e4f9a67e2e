// GenNet's copy of RTNeural's recurrent peer (/work/shared/peers/rtneural/recurrent_bench.cpp), same protocol: per-step
// latency of GRU/LSTM then a dense output, float, one sample per step, 1,024 random samples in [-1, 1), 1,000,000
// forward() calls per repetition, min of 7. RTNeural's own (default) weights: the time of a step does not depend on them.
// Prints one machine-readable line per model: "<id> <ns per step>".
#include <RTNeural/RTNeural.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
template <typename Model, int In>
void bench(Model& m, const char* id) {
    std::mt19937 rng(1); std::uniform_real_distribution<float> u(-1.f, 1.f);
    float* xs = static_cast<float*>(std::aligned_alloc(64, sizeof(float) * In * 1024));
    for (int k = 0; k < In * 1024; ++k) xs[k] = u(rng);
    m.reset(); volatile float sink = 0; double best = 1e30;
    for (int rep = 0; rep < 7; ++rep) {
        const int N = 1000000;
        auto t0 = std::chrono::high_resolution_clock::now();
        for (int i = 0; i < N; ++i) { m.forward(&xs[(i & 1023) * In]); sink += m.getOutputs()[0]; }
        double ns = std::chrono::duration<double, std::nano>(std::chrono::high_resolution_clock::now() - t0).count() / N;
        if (ns < best) best = ns;
    }
    std::printf("%s %.2f\n", id, best);
    std::free(xs);
}
int main() {
    RTNeural::ModelT<float, 1, 1, RTNeural::GRULayerT<float, 1, 16>, RTNeural::DenseT<float, 16, 1>> gru;
    RTNeural::ModelT<float, 1, 1, RTNeural::LSTMLayerT<float, 1, 16>, RTNeural::DenseT<float, 16, 1>> lstm;
    RTNeural::ModelT<float, 1, 1, RTNeural::LSTMLayerT<float, 1, 32>, RTNeural::DenseT<float, 32, 1>> lstm32;
    bench<decltype(gru), 1>(gru, "gru-1-16-1");
    bench<decltype(lstm), 1>(lstm, "lstm-1-16-1");
    bench<decltype(lstm32), 1>(lstm32, "lstm-1-32-1");
}
