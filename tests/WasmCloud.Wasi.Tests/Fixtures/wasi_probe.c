// Exercises the preview1 host: args, environment, stdout/stderr, files below a preopen, escapes, exit codes.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void try_open(const char *path) {
  int fd = open(path, O_RDONLY);
  printf("open %s: %s\n", path, fd >= 0 ? "ok" : strerror(errno));
  if (fd >= 0) close(fd);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  printf("env GREETING: %s\n", greeting ? greeting : "(unset)");

  FILE *out = fopen("/data/note.txt", "w");
  if (!out) { perror("fopen for writing"); return 2; }
  fprintf(out, "written by the guest\n");
  fclose(out);
  char line[64] = {0};
  FILE *in = fopen("/data/note.txt", "r");
  if (!in || !fgets(line, sizeof line, in)) { perror("read back"); return 3; }
  fclose(in);
  printf("read back: %s", line);
  struct stat st;
  if (stat("/data/note.txt", &st) == 0) printf("size: %lld\n", (long long)st.st_size);

  try_open("/data/../secret.txt");
  try_open("/etc/passwd");
  try_open("/data/link-out");
  int dir = open("/data", O_RDONLY | O_DIRECTORY);
  int escaped = openat(dir, "../secret.txt", O_RDONLY);
  printf("openat ../secret.txt: %s\n", escaped >= 0 ? "ok" : strerror(errno));
  close(dir);

  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  printf("monotonic clock: %s\n", now.tv_sec > 0 || now.tv_nsec > 0 ? "ticks" : "zero");
  fprintf(stderr, "to stderr\n");
  return argc > 1 && strcmp(argv[1], "fail") == 0 ? 7 : 0;
}
