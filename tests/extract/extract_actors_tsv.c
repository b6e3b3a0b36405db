/* Prints the actor mentions that the gazetteer (src/lib/extract_actors.c) finds in a text, one
 * TSV row each: start, end (byte offsets), the entity id, its kind, whether the id is proposed
 * (a bundled state the graphs lack: 1, else 0), the text of the span. The gazetteer is built
 * from the --graph inputs (read as `tkg extract --graph` reads them) and the bundled states.
 * Usage: extract_actors_tsv [--graph INPUT]... FILE. Used by tests/extract/score.py. */
#include "extract_actors.h"
#include "extract_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_error(const tkg_error *err)
{
    if (err->source[0] && err->line > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err->source, err->line, err->column, err->message);
    else if (err->source[0])
        fprintf(stderr, "%s: error: %s\n", err->source, err->message);
    else
        fprintf(stderr, "extract_actors_tsv: error: %s\n", err->message);
}

int main(int argc, char **argv)
{
    tkg_error err;
    tkg_store *store = NULL;
    extract_gazetteer *g = NULL;
    extract_mention *m = NULL;
    size_t n = 0, len = 0;
    char *text = NULL;
    const char *path = NULL;
    int status = 1, graphs = 0;
    tkg_error_clear(&err);
    if (tkg_store_new(&store, NULL, &err) != TKG_OK) {
        print_error(&err);
        goto done;
    }
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--graph") == 0 && a + 1 < argc) {
            if (tkg_store_read_path(store, argv[++a], &err) != TKG_OK) {
                print_error(&err);
                goto done;
            }
            graphs++;
        } else if (argv[a][0] != '-' && !path) {
            path = argv[a];
        } else {
            path = NULL;
            break;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: extract_actors_tsv [--graph INPUT]... FILE\n");
        status = 2;
        goto done;
    }
    if (tkg_store_finish(store, &err) != TKG_OK) {
        print_error(&err);
        goto done;
    }
    /* Read as tkg extract reads an article (src/lib/extract_text.c), so offsets agree. */
    if (extract_text_file(path, EXTRACT_PLAIN, 0, &text, &len, &err) != TKG_OK) {
        print_error(&err);
        goto done;
    }
    if (extract_gazetteer_new(&g, graphs ? store : NULL, true, &err) != TKG_OK ||
        extract_actors(g, text, len, &m, &n, &err) != TKG_OK) {
        print_error(&err);
        goto done;
    }
    printf("start\tend\tid\tkind\tproposed\ttext\n");
    for (size_t i = 0; i < n; i++) {
        printf("%zu\t%zu\t%s\t%s\t%d\t", m[i].start, m[i].end, m[i].id, m[i].kind,
               m[i].proposed ? 1 : 0);
        for (size_t k = m[i].start; k < m[i].end; k++)
            putchar(text[k] == '\t' || text[k] == '\n' || text[k] == '\r' ? ' ' : text[k]);
        putchar('\n');
    }
    status = 0;
done:
    free(m);
    free(text);
    extract_gazetteer_free(g);
    tkg_store_free(store);
    return status;
}
