/* Shared by the fuzz targets: a store on the default ontology, loaded once per process. */
#ifndef TKG_FUZZ_H
#define TKG_FUZZ_H

#include "tkg.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** A new store over the default ontology (parsed once per process), or NULL. Inputs are
 *  capped at 1 MiB so that a run stays fast; up to 100 problems are reported. */
tkg_store *fuzz_store(void);

/** Reads with `read`, finishes the store when the input was accepted, walks every row
 *  through the public getters (so that a corrupt store is noticed by the sanitizers), and
 *  frees everything. */
void fuzz_ingest(int (*read)(tkg_store *, const char *, size_t, const char *, tkg_error *),
                 const uint8_t *data, size_t size, const char *name);

#endif
