/* Prints the temporal expressions that src/lib/extract_dates.c finds in a text, one TSV row
 * each: start, end (byte offsets), role, value, end value (spans), the text of the span.
 * Usage: extract_dates_tsv fr|en PUBLISHED FILE. Used by tests/extract/score.py. */
#include "extract_dates.h"
#include "extract_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* Read as tkg extract reads an article (src/lib/extract_text.c), so offsets agree. */
    if (extract_text_file(argv[3], EXTRACT_PLAIN, 0, &text, &len, &err) != TKG_OK) {
        fprintf(stderr, "%s: error: %s\n", argv[3], err.message);
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
