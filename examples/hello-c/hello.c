// A WASI 0.2 command component in C: greets the names given as arguments (or $GREETING's default), and, when
// a directory is preopened at /data, keeps a visit count in /data/visits.txt.
#include <stdio.h>
#include <stdlib.h>

static int count_visit(void) {
  int visits = 0;
  FILE *file = fopen("/data/visits.txt", "r");
  if (file) {
    if (fscanf(file, "%d", &visits) != 1) visits = 0;
    fclose(file);
  }
  file = fopen("/data/visits.txt", "w");
  if (!file) return -1;  // no /data preopen: the guest cannot reach the host's files
  fprintf(file, "%d\n", ++visits);
  fclose(file);
  return visits;
}

int main(int argc, char **argv) {
  const char *fallback = getenv("GREETING") ? getenv("GREETING") : "world";
  if (argc < 2) printf("Hello, %s!\n", fallback);
  for (int i = 1; i < argc; i++) printf("Hello, %s!\n", argv[i]);
  int visits = count_visit();
  if (visits > 0) printf("visit number %d\n", visits);
  return 0;
}
