// GenNet's RTNeural peer: single-row forward latency of RTNeural's compile-time API (ModelT, Eigen backend) for the
// networks of Workloads/RTNeuralProtocolBenchmarks.cs, on the protocol of /work/shared/peers/rtneural/README.md:
// 1,024 random rows in [-1, 1) (rows padded to a multiple of 8 floats so each starts 32-byte aligned, as Eigen's
// aligned loads need), 2,000,000 direct forward() calls cycling through them, the minimum of 7 timed repetitions.
//
//   gennet_dense_bench [parameters-dir]
//
// With a directory, each network's weights are read from <dir>/<id>.f32: raw little-endian floats in GenNet's
// parameter order (per synapse, the in × out weights row-major, then the out biases), so both sides compute the same
// function. Without one, weights are uniform in [-1, 1) from mt19937.
//
// Output, one line per network (lines starting with '#' are comments):
//   <id> <ns per forward> <outputs for the check row...>
// where the check row is x[k] = ((k % 8) - 3.5) / 4 (exact in float), so the caller can compare outputs.
#include <RTNeural/RTNeural.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace {

constexpr int Rows = 1024;
constexpr int Calls = 2000000;
constexpr int Repetitions = 7;

template <typename Layer>
struct IsDense : std::false_type {};
template <typename T, int In, int Out, bool Bias>
struct IsDense<RTNeural::DenseT<T, In, Out, Bias>> : std::true_type {};

template <typename Layer>
void loadDense(Layer& layer, const float*& p) {
    if constexpr (IsDense<Layer>::value) {
        constexpr int In = Layer::in_size, Out = Layer::out_size;
        std::vector<std::vector<float>> w(Out, std::vector<float>(In));
        for (int o = 0; o < Out; ++o)
            for (int i = 0; i < In; ++i)
                w[o][i] = p[i * Out + o];  // GenNet: synapse[i, o] at i * Out + o; RTNeural: weights[o][i]
        layer.setWeights(w);
        layer.setBias(p + In * Out);
        p += (In + 1) * Out;
    }
}

template <typename Model>
std::size_t countParameters(Model& m) {
    std::size_t count = 0;
    std::apply([&](auto&... layers) {
        ((count += IsDense<std::decay_t<decltype(layers)>>::value
              ? (std::decay_t<decltype(layers)>::in_size + 1) * std::decay_t<decltype(layers)>::out_size : 0), ...);
    }, m.getLayers());
    return count;
}

template <typename Model>
bool loadParameters(Model& m, const char* id, const char* directory) {
    std::vector<float> parameters(countParameters(m));
    if (directory != nullptr) {
        std::string path = std::string(directory) + "/" + id + ".f32";
        std::FILE* file = std::fopen(path.c_str(), "rb");
        if (file == nullptr) {
            std::fprintf(stderr, "%s: cannot open %s\n", id, path.c_str());
            return false;
        }
        std::size_t read = std::fread(parameters.data(), sizeof(float), parameters.size(), file);
        bool extra = std::fgetc(file) != EOF;
        std::fclose(file);
        if (read != parameters.size() || extra) {
            std::fprintf(stderr, "%s: %s does not hold exactly %zu floats\n", id, path.c_str(), parameters.size());
            return false;
        }
    } else {
        std::mt19937 rng(2);
        std::uniform_real_distribution<float> u(-1.f, 1.f);
        for (float& v : parameters) v = u(rng);
    }

    const float* p = parameters.data();
    std::apply([&](auto&... layers) { (loadDense(layers, p), ...); }, m.getLayers());
    return true;
}

template <typename Model>
bool bench(const char* id, const char* directory) {
    constexpr int In = Model::input_size, Out = Model::output_size;
    constexpr int Stride = (In + 7) / 8 * 8;  // every row starts 32-byte aligned
    Model m;
    if (!loadParameters(m, id, directory))
        return false;
    m.reset();

    float* check = static_cast<float*>(std::aligned_alloc(64, sizeof(float) * Stride));
    for (int k = 0; k < Stride; ++k) check[k] = k < In ? ((k % 8) - 3.5f) / 4.f : 0.f;
    m.forward(check);
    std::vector<float> checkOutputs(m.getOutputs(), m.getOutputs() + Out);
    std::free(check);

    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    float* xs = static_cast<float*>(std::aligned_alloc(64, sizeof(float) * Stride * Rows));
    for (int r = 0; r < Rows; ++r)
        for (int k = 0; k < Stride; ++k) xs[r * Stride + k] = k < In ? u(rng) : 0.f;

    float sink = 0;
    double best = 1e30;
    for (int rep = 0; rep < Repetitions; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < Calls; ++i) sink += m.forward(&xs[(i & (Rows - 1)) * Stride]);
        auto t1 = std::chrono::steady_clock::now();
        double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / Calls;
        if (ns < best) best = ns;
    }
    std::free(xs);

    std::printf("%s %.3f", id, best);
    for (float v : checkOutputs) std::printf(" %.9g", v);
    std::printf("\n# %s sum of first outputs %.9g\n", id, sink);  // uses the results, so no call is optimised away
    std::fflush(stdout);
    return true;
}

using namespace RTNeural;

}  // namespace

int main(int argc, char** argv) {
    const char* directory = argc > 1 ? argv[1] : nullptr;
    std::printf("# RTNeural ModelT, Eigen backend; %d rows, %d calls, min of %d; weights %s\n", Rows, Calls, Repetitions,
                directory != nullptr ? directory : "uniform [-1, 1) from mt19937(2)");
    bool ok = true;
    ok &= bench<ModelT<float, 3, 1, DenseT<float, 3, 4>, SigmoidActivationT<float, 4>,
                       DenseT<float, 4, 1>, SigmoidActivationT<float, 1>>>("3-4-1", directory);
    ok &= bench<ModelT<float, 16, 4, DenseT<float, 16, 64>, TanhActivationT<float, 64>,
                       DenseT<float, 64, 4>, SigmoidActivationT<float, 4>>>("16-64-4", directory);
    ok &= bench<ModelT<float, 8, 8, DenseT<float, 8, 8>>>("8-8", directory);
    ok &= bench<ModelT<float, 16, 16, DenseT<float, 16, 16>>>("16-16", directory);
    ok &= bench<ModelT<float, 5, 3, DenseT<float, 5, 13>, TanhActivationT<float, 13>,
                       DenseT<float, 13, 3>, SigmoidActivationT<float, 3>>>("5-13-3", directory);
    ok &= bench<ModelT<float, 7, 5, DenseT<float, 7, 33>, TanhActivationT<float, 33>,
                       DenseT<float, 33, 5>>>("7-33-5", directory);
    ok &= bench<ModelT<float, 16, 4, DenseT<float, 16, 32>, ReLuActivationT<float, 32>,
                       DenseT<float, 32, 32>, ReLuActivationT<float, 32>,
                       DenseT<float, 32, 32>, ReLuActivationT<float, 32>,
                       DenseT<float, 32, 4>>>("16-32-32-32-4", directory);
    return ok ? 0 : 1;
}
