// Canonical ABI support shared by the C fixtures: a malloc-backed cabi_realloc (see ../../../../../shared
// README: without it a component's allocations can overwrite an adapter's state) and the export macro.
#pragma once
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);
