// example:wrpc/relay: answers by calling example:wrpc/greeter through a link, wherever the greeter runs;
// greet-on picks the link by name first (wasmcloud:bus/lattice.set-link-name).
#include "abi.h"

// Imports lower their results into memory the caller gives (a string, or the result<report, failure>).
__attribute__((import_module("example:wrpc/greeter@0.1.0"), import_name("greet")))
void greeter_greet(char *name, uint32_t name_len, wit_string *result);

__attribute__((import_module("example:wrpc/greeter@0.1.0"), import_name("inspect")))
void greeter_inspect(char *name, uint32_t name_len, wit_string *tags, uint32_t tag_count,
                     uint32_t has_nickname, char *nickname, uint32_t nickname_len, uint32_t permissions,
                     uint32_t pet_case, uint32_t pet_a, uint32_t pet_b, inspect_result *result);

__attribute__((import_module("wasmcloud:bus/lattice@1.0.0"), import_name("[constructor]call-target-interface")))
int32_t bus_call_target(char *ns, uint32_t ns_len, char *package, uint32_t package_len, char *iface, uint32_t iface_len);

__attribute__((import_module("wasmcloud:bus/lattice@1.0.0"), import_name("set-link-name")))
void bus_set_link_name(char *name, uint32_t name_len, int32_t *targets, uint32_t target_count);

static wit_string greeting;
static inspect_result inspected;

__attribute__((export_name("example:wrpc/relay@0.1.0#greet")))
wit_string *greet(char *name, uint32_t name_len) {
  greeter_greet(name, name_len, &greeting);
  return &greeting;
}

__attribute__((export_name("example:wrpc/relay@0.1.0#inspect")))
inspect_result *inspect(char *name, uint32_t name_len, wit_string *tags, uint32_t tag_count,
                        uint32_t has_nickname, char *nickname, uint32_t nickname_len, uint32_t permissions,
                        uint32_t pet_case, uint32_t pet_a, uint32_t pet_b) {
  greeter_inspect(name, name_len, tags, tag_count, has_nickname, nickname, nickname_len, permissions, pet_case, pet_a, pet_b, &inspected);
  return &inspected;
}

__attribute__((export_name("example:wrpc/relay@0.1.0#greet-on")))
wit_string *greet_on(char *link, uint32_t link_len, char *name, uint32_t name_len) {
  // The handle goes to the host with the list (an owned handle), so it is not dropped here.
  int32_t target = bus_call_target("example", 7, "wrpc", 4, "greeter", 7);
  bus_set_link_name(link, link_len, &target, 1);
  greeter_greet(name, name_len, &greeting);
  return &greeting;
}
