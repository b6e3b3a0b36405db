/* The part of every ingest target that is the same: set-up, reading, a walk over the result. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

tkg_store *fuzz_store(void)
{
    static tkg_ontology *ontology;
    if (!ontology && tkg_ontology_default(&ontology, NULL) != TKG_OK)
        abort(); /* the bundled ontology must always load */
    tkg_store_options opt = {
        .ontology = ontology, .max_errors = 100, .max_input_bytes = (uint64_t)1 << 20};
    tkg_store *s = NULL;
    tkg_store_new(&s, &opt, NULL);
    return s;
}

/* Touches every string the getters hand out: a dangling pointer shows up under ASan. */
static size_t walk(const tkg_store *s)
{
    size_t sum = 0;
    for (uint32_t e = 0; e < tkg_store_entity_count(s); e++) {
        sum += strlen(tkg_entity_id(s, e)) + strlen(tkg_entity_label(s, e, "en"));
        for (size_t i = 0; i < tkg_entity_name_count(s, e); i++)
            sum += strlen(tkg_entity_name(s, e, i).text);
        for (size_t i = 0; i < tkg_entity_attr_count(s, e); i++)
            sum += strlen(tkg_entity_attr(s, e, i).value);
        size_t n;
        const uint32_t *rel = tkg_entity_relations(s, e, &n);
        for (size_t i = 0; i < n; i++)
            if (rel[i] >= tkg_store_relation_count(s))
                abort();
    }
    for (uint32_t r = 0; r < tkg_store_relation_count(s); r++) {
        tkg_interval iv = tkg_relation_interval(s, r);
        tkg_bound b = tkg_relation_start(s, r);
        if (b.raw && iv.start == TKG_DAY_MIN)
            abort(); /* a written start gives a bounded interval */
        for (size_t i = 0; i < tkg_relation_citation_count(s, r); i++) {
            tkg_citation c = tkg_relation_citation(s, r, i);
            if (c.source >= tkg_store_source_count(s))
                abort();
            sum += c.quote ? strlen(c.quote) : 0;
        }
    }
    return sum;
}

void fuzz_ingest(int (*read)(tkg_store *, const char *, size_t, const char *, tkg_error *),
                 const uint8_t *data, size_t size, const char *name)
{
    tkg_store *s = fuzz_store();
    if (!s)
        return;
    tkg_error err = {0};
    int rc = read(s, (const char *)data, size, name, &err);
    if ((rc == TKG_OK) != (err.code == TKG_OK))
        abort(); /* the returned code and the recorded error agree */
    if (rc == TKG_OK && tkg_store_finish(s, &err) == TKG_OK) {
        volatile size_t sum = walk(s);
        (void)sum;
    }
    tkg_store_free(s);
}
