/* Fuzz target: the tsv reader on arbitrary bytes, then finish and a walk over the store. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest(tkg_read_tsv_buffer, data, size, "fuzz.tsv");
    return 0;
}
