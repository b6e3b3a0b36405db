/* Times the temporal-expression tagger (src/lib/extract_dates.c) on about 1 MiB of text:
 * the given files concatenated (a newline between) until the size is reached, tagged
 * ROUNDS times; prints the median CPU time of a round and the expressions found.
 * Usage: extract_dates_time fr|en PUBLISHED ROUNDS FILE...   (bench/README.md) */
#include "extract_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TARGET_BYTES ((size_t)1 << 20)

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    tkg_error err = {0};
    tkg_date pub;
    char *buf = NULL;
    double *times = NULL;
    size_t len = 0;
    int status = 1, rounds;
    if (argc < 5 || (strcmp(argv[1], "fr") != 0 && strcmp(argv[1], "en") != 0) ||
        (rounds = atoi(argv[3])) < 1) {
        fprintf(stderr, "usage: extract_dates_time fr|en PUBLISHED ROUNDS FILE...\n");
        return 2;
    }
    if (tkg_date_parse(&pub, argv[2], strlen(argv[2]), &err) != TKG_OK) {
        fprintf(stderr, "<argument>:1:%d: error: %s\n", err.column, err.message);
        return 2;
    }
    buf = malloc(TARGET_BYTES + 65536);
    times = malloc((size_t)rounds * sizeof *times);
    if (!buf || !times)
        goto done;
    while (len < TARGET_BYTES) {
        for (int a = 4; a < argc && len < TARGET_BYTES; a++) {
            FILE *f = fopen(argv[a], "rb");
            if (!f) {
                fprintf(stderr, "%s: error: cannot open\n", argv[a]);
                goto done;
            }
            size_t k = fread(buf + len, 1, TARGET_BYTES + 65536 - len - 1, f);
            fclose(f);
            if (k == 0) {
                fprintf(stderr, "%s: error: empty\n", argv[a]);
                goto done;
            }
            len += k;
            buf[len++] = '\n';
        }
    }
    size_t found = 0;
    for (int r = 0; r < rounds; r++) {
        xdate *x = NULL;
        clock_t t0 = clock();
        if (xdate_extract(buf, len, argv[1][0] == 'f' ? XDATE_FR : XDATE_EN, &pub, &x, &found,
                          &err)) {
            fprintf(stderr, "error: %s\n", err.message);
            goto done;
        }
        times[r] = (double)(clock() - t0) / CLOCKS_PER_SEC;
        free(x);
    }
    qsort(times, (size_t)rounds, sizeof *times, cmp_double);
    printf("bytes\t%zu\nexpressions\t%zu\nmedian_cpu_s\t%.4f\nmin_cpu_s\t%.4f\n", len, found,
           times[rounds / 2], times[0]);
    status = 0;
done:
    free(buf);
    free(times);
    return status;
}
