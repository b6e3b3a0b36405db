/* A program of a library user, built by tests/install/check_install.py against an installed
 * tkg through `pkg-config --cflags --libs tkg`: reads the inputs named on the command line and
 * prints the store's counts as `tkg stats` names them, one "name value" per line.
 *
 * It also defines functions named like some of the library's internal ones: linked with the
 * static libtkg.a, whose internal symbols are local, they must not clash. */
#include <stdio.h>
#include <tkg.h>

int components(void);
int put_double(void);
int node_size(void);
int edit_distance(void);
int components(void)
{
    return 1;
}
int put_double(void)
{
    return 2;
}
int node_size(void)
{
    return 3;
}
int edit_distance(void)
{
    return 4;
}

int main(int argc, char **argv)
{
    tkg_error err;
    tkg_store *s = NULL;
    int rc = 1;
    tkg_error_clear(&err);
    if (argc < 2) {
        fprintf(stderr, "usage: hello INPUT...\n");
        return 2;
    }
    if (tkg_store_new(&s, NULL, &err) != TKG_OK)
        goto done;
    for (int i = 1; i < argc; i++)
        if (tkg_store_read_path(s, argv[i], &err) != TKG_OK)
            goto done;
    if (tkg_store_finish(s, &err) != TKG_OK)
        goto done;
    printf("entities %zu\nrelations %zu\nsources %zu\ncitations %zu\n", tkg_store_entity_count(s),
           tkg_store_relation_count(s), tkg_store_source_count(s), tkg_store_citation_count(s));
    rc = components() + put_double() + node_size() + edit_distance() == 10 ? 0 : 1;
done:
    if (err.code != TKG_OK)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err.source, err.line, err.column, err.message);
    tkg_store_free(s);
    return rc;
}
