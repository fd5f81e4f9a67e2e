// GenNet's Conv1D peer, the protocol of gennet_recurrent_bench.cpp: per-step latency of a streaming causal Conv1D (RTNeural's
// Conv1DT, its state a ring buffer of (K − 1)·d + 1 samples), tanh, then a dense output; float, one sample per step,
// 1,024 random samples in [-1, 1), 1,000,000 forward() calls per repetition, min of 7. RTNeural's own (default) weights:
// the time of a step does not depend on them. Prints one machine-readable line per model: "<id> <ns per step>".
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
    RTNeural::ModelT<float, 1, 1, RTNeural::Conv1DT<float, 1, 8, 3, 1>, RTNeural::TanhActivationT<float, 8>, RTNeural::DenseT<float, 8, 1>> conv8;
    RTNeural::ModelT<float, 1, 1, RTNeural::Conv1DT<float, 1, 16, 3, 1>, RTNeural::TanhActivationT<float, 16>,
                     RTNeural::Conv1DT<float, 16, 16, 3, 2>, RTNeural::TanhActivationT<float, 16>, RTNeural::DenseT<float, 16, 1>> conv16;
    bench<decltype(conv8), 1>(conv8, "conv1d-1-8-k3-d1-1");
    bench<decltype(conv16), 1>(conv16, "conv1d-1-16-16-k3-d12-1");
}
