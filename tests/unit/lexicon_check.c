/* Loads a lexicon file against the default ontology, as tkg extract will: prints the number of
 * triggers on stdout and exits 0, or prints the error as PATH:LINE:COL: error: MESSAGE on
 * stderr and exits 1. For tests/extract/lexicon_bad.py.
 *
 * usage: lexicon_check FILE
 */
#include "lexicon.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lexicon_check FILE\n");
        return 2;
    }
    tkg_ontology *o = NULL;
    lexicon *lx = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    int status = 1;
    if (tkg_ontology_default(&o, &err) != TKG_OK || lexicon_load(&lx, argv[1], o, &err) != TKG_OK)
        goto done;
    printf("%zu triggers\n", lexicon_trigger_count(lx));
    status = 0;
done:
    if (status)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err.source, err.line, err.column, err.message);
    lexicon_free(lx);
    tkg_ontology_free(o);
    return status;
}
