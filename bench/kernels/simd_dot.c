// SIMD benchmark kernel: dot products of two float vectors, written with clang's portable vector
// extensions so that the same source becomes v128 code for Wasm (-msimd128) and SSE/AVX code natively.
//
//   clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -msimd128 simd_dot.c -o simd_dot.wasm
//   clang-19 -O2 simd_dot.c -o simd_dot            # native yardstick
//
// It runs ROUNDS dot products of N floats and prints their total, so every build can be checked against
// the others (all sum in the same order, so the printed value is identical).
#include <stdint.h>
#include <stdio.h>

#define N 4096
#define ROUNDS 1000000

typedef float f32x4 __attribute__((vector_size(16)));

static float a[N] __attribute__((aligned(16)));
static float b[N] __attribute__((aligned(16)));

// Four independent accumulators hide the latency of the vector adds.
static float dot(const float *x, const float *y, int n) {
    f32x4 acc0 = {0}, acc1 = {0}, acc2 = {0}, acc3 = {0};
    for (int i = 0; i < n; i += 16) {
        acc0 += *(const f32x4 *)(x + i) * *(const f32x4 *)(y + i);
        acc1 += *(const f32x4 *)(x + i + 4) * *(const f32x4 *)(y + i + 4);
        acc2 += *(const f32x4 *)(x + i + 8) * *(const f32x4 *)(y + i + 8);
        acc3 += *(const f32x4 *)(x + i + 12) * *(const f32x4 *)(y + i + 12);
    }
    f32x4 acc = (acc0 + acc1) + (acc2 + acc3);
    return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

int main(void) {
    uint32_t state = 12345;
    for (int i = 0; i < N; i++) {
        state = state * 1664525u + 1013904223u;
        a[i] = (float)(state >> 8) / 16777216.0f - 0.5f;
        state = state * 1664525u + 1013904223u;
        b[i] = (float)(state >> 8) / 16777216.0f - 0.5f;
    }
    double total = 0;
    for (int round = 0; round < ROUNDS; round++) {
        // Perturb one element per round so that no call can be hoisted out of the loop or skipped.
        a[round % N] += 1e-3f;
        total += dot(a, b, N);
    }
    printf("%.6f\n", total);
    return 0;
}
