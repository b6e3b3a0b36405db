/* Fuzz target: the graphml reader on arbitrary bytes, then finish and a walk over the store. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest(tkg_read_graphml_buffer, data, size, "fuzz.graphml");
    return 0;
}
