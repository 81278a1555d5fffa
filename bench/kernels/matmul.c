// Dense double-precision matrix multiply (i-k-j order), repeated.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 640;
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++) { a[i] = (i % 17) * 0.25 - 2.0; b[i] = (i % 13) * 0.5 - 3.0; }
  double checksum = 0;
  for (int rep = 0; rep < 4; rep++) {
    for (int i = 0; i < n * n; i++) c[i] = 0;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
      }
    for (int i = 0; i < n * n; i += 7) checksum += c[i];
    a[rep] += 1.0;
  }
  printf("%.6f\n", checksum);
  return 0;
}
