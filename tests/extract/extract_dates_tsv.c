/* Prints the temporal expressions that src/lib/extract_dates.c finds in a text, one TSV row
 * each: start, end (byte offsets), role, value, end value (spans), the text of the span.
 * Usage: extract_dates_tsv fr|en PUBLISHED FILE. Used by tests/extract/score.py. */
#include "extract_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap ? cap * 2 : 65536);
            if (!nb) {
                free(buf);
                buf = NULL;
                goto done;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    *len = n;
done:
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    tkg_error err = {0};
    tkg_date pub;
    xdate *x = NULL;
    size_t n = 0, len = 0;
    char *text = NULL;
    int status = 1;
    if (argc != 4 || (strcmp(argv[1], "fr") != 0 && strcmp(argv[1], "en") != 0)) {
        fprintf(stderr, "usage: extract_dates_tsv fr|en PUBLISHED FILE\n");
        return 2;
    }
    if (tkg_date_parse(&pub, argv[2], strlen(argv[2]), &err) != TKG_OK) {
        fprintf(stderr, "<argument>:1:%d: error: %s\n", err.column, err.message);
        return 2;
    }
    text = read_all(argv[3], &len);
    if (!text) {
        fprintf(stderr, "%s: error: cannot read\n", argv[3]);
        goto done;
    }
    if (xdate_extract(text, len, argv[1][0] == 'f' ? XDATE_FR : XDATE_EN, &pub, &x, &n, &err)) {
        fprintf(stderr, "%s: error: %s\n", argv[3], err.message);
        goto done;
    }
    printf("start\tend\trole\tvalue\tend_value\ttext\n");
    for (size_t i = 0; i < n; i++) {
        char v[11], v2[11];
        tkg_date_format(&x[i].value, v);
        tkg_date_format(&x[i].value2, v2);
        printf("%zu\t%zu\t%s\t%s\t%s\t", x[i].start, x[i].end, xdate_role_name(x[i].role), v, v2);
        for (size_t k = x[i].start; k < x[i].end; k++)
            putchar(text[k] == '\t' || text[k] == '\n' || text[k] == '\r' ? ' ' : text[k]);
        putchar('\n');
    }
    status = 0;
done:
    free(x);
    free(text);
    return status;
}
