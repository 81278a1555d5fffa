// A command component (built with jco's preview1 adapter) that exercises the WASI 0.2 host: argv[1] names
// one scenario, so each test runs one behaviour and reads its output.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

// The adapter keeps its state where a program without a malloc-backed cabi_realloc would overwrite it.
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size; (void)align;
  return realloc(old, new_size);
}

static void report(const char *what, int result) {
  printf("%s: %s\n", what, result >= 0 ? "ok" : strerror(errno));
}

static int stdio(void) {
  char line[128];
  while (fgets(line, sizeof line, stdin)) printf("echo: %s", line);
  fprintf(stderr, "to stderr\n");
  return 0;
}

static int args_env(int argc, char **argv) {
  for (int i = 2; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  printf("env GREETING: %s\n", greeting ? greeting : "(unset)");
  return 0;
}

static int files(void) {
  FILE *out = fopen("/data/note.txt", "w");
  if (!out) { perror("fopen"); return 2; }
  fprintf(out, "written by the guest\n");
  fclose(out);
  out = fopen("/data/note.txt", "a");
  fprintf(out, "appended\n");
  fclose(out);
  char text[128] = {0};
  int fd = open("/data/note.txt", O_RDONLY);
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  printf("read back %zd: %s", n, text);
  struct stat st;
  report("stat", stat("/data/note.txt", &st));
  printf("size: %lld regular: %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  report("mkdir", mkdir("/data/sub", 0755));
  report("rename", rename("/data/note.txt", "/data/sub/moved.txt"));
  report("stat old name", stat("/data/note.txt", &st));
  DIR *dir = opendir("/data/sub");
  struct dirent *entry;
  while (dir && (entry = readdir(dir))) if (entry->d_name[0] != '.') printf("entry: %s\n", entry->d_name);
  if (dir) closedir(dir);
  report("symlink", symlink("moved.txt", "/data/sub/link"));
  char target[64] = {0};
  report("readlink", (int)readlink("/data/sub/link", target, sizeof target - 1));
  printf("link target: %s\n", target);
  report("unlink link", unlink("/data/sub/link"));
  report("unlink", unlink("/data/sub/moved.txt"));
  report("rmdir", rmdir("/data/sub"));
  report("open missing", open("/data/missing.txt", O_RDONLY));
  return 0;
}

static int escapes(void) {
  report("open ../secret", open("/data/../secret.txt", O_RDONLY));
  report("open absolute", open("/etc/passwd", O_RDONLY));
  report("open link-out", open("/data/link-out", O_RDONLY));
  report("open link-out/..", open("/data/dir-link-out/x", O_RDONLY));
  int dir = open("/data", O_RDONLY | O_DIRECTORY);
  report("openat ../secret", openat(dir, "../secret.txt", O_RDONLY));
  report("create ../escape", openat(dir, "../escape.txt", O_WRONLY | O_CREAT, 0644));
  report("mkdir ..", mkdirat(dir, "../escape-dir", 0755));
  report("symlink to /etc", symlinkat("/etc/passwd", dir, "abs-link"));
  report("rename out", renameat(dir, "inside.txt", dir, "../escape.txt"));
  report("unlink ..", unlinkat(dir, "../secret.txt", 0));
  close(dir);
  return 0;
}

static int clocks(void) {
  struct timespec start, end, wall;
  clock_gettime(CLOCK_MONOTONIC, &start);
  struct pollfd none;
  poll(&none, 0, 200);
  clock_gettime(CLOCK_MONOTONIC, &end);
  long long ms = (end.tv_sec - start.tv_sec) * 1000LL + (end.tv_nsec - start.tv_nsec) / 1000000;
  printf("poll slept enough: %d\n", ms >= 190);
  struct timespec pause = {0, 100 * 1000000};
  nanosleep(&pause, NULL);
  clock_gettime(CLOCK_REALTIME, &wall);
  printf("wall clock after 2020: %d\n", wall.tv_sec > 1577836800);
  printf("clock resolution ok: %d\n", clock_getres(CLOCK_MONOTONIC, &start) == 0);
  return 0;
}

int main(int argc, char **argv) {
  const char *scenario = argc > 1 ? argv[1] : "";
  if (!strcmp(scenario, "stdio")) return stdio();
  if (!strcmp(scenario, "args-env")) return args_env(argc, argv);
  if (!strcmp(scenario, "files")) return files();
  if (!strcmp(scenario, "escapes")) return escapes();
  if (!strcmp(scenario, "clocks")) return clocks();
  if (!strcmp(scenario, "exit")) exit(argc > 2 ? atoi(argv[2]) : 0);
  fprintf(stderr, "unknown scenario: %s\n", scenario);
  return 1;
}
