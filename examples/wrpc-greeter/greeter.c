// example:wrpc/greeter: greets (with the word its named config gives as `greeting`, "Hello" without one, and a log
// line through wasi:logging), and describes a person (every kind of WIT value in, a result out).
#include <stdio.h>
#include "abi.h"

// result<option<string>, error>: the result's case at 0, the option's (or the error's) case at 4, the string at 8.
typedef struct {
  uint8_t is_error;
  uint8_t pad[3];
  uint8_t is_some;
  uint8_t pad2[3];
  wit_string value;
} config_get_result;

__attribute__((import_module("wasi:config/store@0.2.0-draft"), import_name("get")))
void config_get(char *key, uint32_t key_len, config_get_result *result);

__attribute__((import_module("wasi:logging/logging@0.1.0-draft"), import_name("log")))
void logging_log(uint32_t level, char *context, uint32_t context_len, char *message, uint32_t message_len);

static wit_string greeting;
static inspect_result inspected;

static wit_string owned(const char *text) {
  size_t len = strlen(text);
  char *copy = malloc(len);
  memcpy(copy, text, len);
  return (wit_string){ copy, (uint32_t)len };
}

__attribute__((export_name("example:wrpc/greeter@0.1.0#greet")))
wit_string *greet(char *name, uint32_t name_len) {
  config_get_result word;
  config_get("greeting", 8, &word);
  int configured = !word.is_error && word.is_some;
  char text[512];
  snprintf(text, sizeof text, "%.*s, %.*s!", configured ? (int)word.value.len : 5, configured ? word.value.ptr : "Hello", (int)name_len, name);
  greeting = owned(text);
  logging_log(2, "greeter", 7, greeting.ptr, greeting.len);  // info
  return &greeting;
}

// person flattens to 11 values: name, tags, nickname (case, string), permissions, pet (case, two payload words).
__attribute__((export_name("example:wrpc/greeter@0.1.0#inspect")))
inspect_result *inspect(char *name, uint32_t name_len, wit_string *tags, uint32_t tag_count,
                        uint32_t has_nickname, char *nickname, uint32_t nickname_len, uint32_t permissions,
                        uint32_t pet_case, uint32_t pet_a, uint32_t pet_b) {
  memset(&inspected, 0, sizeof inspected);
  if (name_len == 0) {
    inspected.is_error = 1;
    inspected.as.failure = 0;  // nameless
    return &inspected;
  }
  if (tag_count > 3) {
    inspected.is_error = 1;
    inspected.as.failure = 1;  // too-many-tags
    return &inspected;
  }
  char text[1024];
  int n = snprintf(text, sizeof text, "%.*s (%.*s) [%s%s%s] ", (int)name_len, name,
                   has_nickname ? (int)nickname_len : 1, has_nickname ? nickname : "-",
                   permissions & 1 ? "r" : "", permissions & 2 ? "w" : "", permissions & 4 ? "a" : "");
  if (pet_case == 1) n += snprintf(text + n, sizeof text - n, "dog %.*s", (int)pet_b, (char *)(uintptr_t)pet_a);
  else if (pet_case == 2) n += snprintf(text + n, sizeof text - n, "fish x%u", pet_a);
  else n += snprintf(text + n, sizeof text - n, "no pet");
  for (uint32_t i = 0; i < tag_count; i++) n += snprintf(text + n, sizeof text - n, "%s#%.*s", i ? "," : " ", (int)tags[i].len, tags[i].ptr);
  inspected.as.ok.line = owned(text);
  inspected.as.ok.tag_count = tag_count;
  return &inspected;
}
