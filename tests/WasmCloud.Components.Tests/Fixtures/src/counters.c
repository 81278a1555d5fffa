// test:fixtures/counters: a resource whose representation is a heap cell; its destructor tells the host
// (test:fixtures/host.dropped) the counter's last value.
#include "cabi.h"

#define C(name) EXPORT("test:fixtures/counters@1.0.0#" name)
#define RESOURCE(name) IMPORT("[export]test:fixtures/counters@1.0.0", name)

RESOURCE("[resource-new]counter") int32_t counter_new(int32_t rep);
IMPORT("test:fixtures/host@1.0.0", "dropped") void host_dropped(int32_t value);

C("[constructor]counter") int32_t counter_constructor(uint32_t start) {
  uint32_t *cell = malloc(sizeof *cell);
  *cell = start;
  return counter_new((int32_t)cell);
}

C("[method]counter.increment") uint32_t counter_increment(uint32_t *self) { return ++*self; }

C("[static]counter.zero") int32_t counter_zero(void) { return counter_constructor(0); }

C("[dtor]counter") void counter_dtor(uint32_t *self) {
  host_dropped((int32_t)*self);
  free(self);
}
