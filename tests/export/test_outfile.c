/* Unit tests for src/lib/outfile.c: memory, descriptor and atomic file sinks, and the number
 * formatting the writers use. */
#include "outfile.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

/* Number of entries in `dir` other than . and .. */
static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_memory(void)
{
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    /* Far more than the initial buffer, in pieces of every size. */
    size_t total = 0;
    for (size_t k = 0; k < 700; k++) {
        char piece[700];
        memset(piece, 'a' + (int)(k % 26), k);
        CU_ASSERT_EQUAL(tkg_sink_write(s, piece, k, NULL), TKG_OK);
        total += k;
    }
    size_t n;
    const char *data = tkg_sink_data(s, &n);
    CU_ASSERT_EQUAL(n, total);
    CU_ASSERT_EQUAL(tkg_sink_size(s), total);
    /* Piece k starts at k(k-1)/2 and is k copies of one letter. */
    CU_ASSERT_EQUAL(data[(size_t)(10 * 9 / 2)], 'a' + 10);
    CU_ASSERT_EQUAL(data[(size_t)(699 * 698 / 2) + 698], 'a' + 699 % 26);
    CU_ASSERT_STRING_EQUAL(tkg_sink_name(s), "<memory>");
    CU_ASSERT_EQUAL(tkg_sink_commit(s, NULL), TKG_OK);
    tkg_sink_free(s);
}

static void expect_fixed(double v, int decimals, const char *want)
{
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    sink_put_fixed(s, v, decimals);
    size_t n;
    const char *got = tkg_sink_data(s, &n);
    bool same = n == strlen(want) && memcmp(got, want, n) == 0;
    if (!same)
        fprintf(stderr, "\n  %g: got '%.*s', want '%s'\n", v, (int)n, got, want);
    CU_ASSERT_TRUE(same);
    tkg_sink_free(s);
}

static void test_numbers(void)
{
    expect_fixed(12.5, 2, "12.5");
    expect_fixed(-3, 2, "-3");
    expect_fixed(0.25, 2, "0.25");
    expect_fixed(-0.004, 2, "0");
    expect_fixed(123456.789, 2, "123456.79");
    expect_fixed(0.1, 6, "0.1");
    expect_fixed(1.5, 0, "2");
    expect_fixed(NAN, 2, "0");
    expect_fixed(INFINITY, 2, "0");
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    sink_put_uint(s, 0);
    sink_putc(s, ' ');
    sink_put_uint(s, UINT64_MAX);
    sink_putc(s, ' ');
    sink_put_int(s, INT64_MIN);
    sink_putc(s, ' ');
    sink_put_day(s, 0);
    sink_putc(s, ' ');
    sink_put_day(s, tkg_day_from_civil(2024, 2, 29));
    sink_put_day(s, TKG_DAY_MAX);
    size_t n;
    const char *got = tkg_sink_data(s, &n);
    const char *want = "0 18446744073709551615 -9223372036854775808 1970-01-01 2024-02-29";
    CU_ASSERT_TRUE(n == strlen(want) && memcmp(got, want, n) == 0);
    tkg_sink_free(s);
}

static void test_file_commit(void)
{
    char path[320];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_file(&s, path, NULL), TKG_OK);
    /* Until the commit, only the temporary file exists. */
    CU_ASSERT_EQUAL(access(path, F_OK), -1);
    CU_ASSERT_EQUAL(entries(), 1);
    /* Several buffers' worth, so that the buffer is written out several times. */
    for (int i = 0; i < 500000; i++)
        sink_puts(s, "0123456789");
    CU_ASSERT_EQUAL(tkg_sink_commit(s, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_sink_commit(s, NULL), TKG_OK);
    tkg_sink_free(s);
    struct stat st;
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_size, 5000000);
    FILE *in = fopen(path, "rb");
    char probe[11] = {0};
    CU_ASSERT_TRUE(in && fseek(in, 4999990, SEEK_SET) == 0 && fread(probe, 1, 10, in) == 10);
    CU_ASSERT_STRING_EQUAL(probe, "0123456789");
    if (in)
        fclose(in);
    CU_ASSERT_EQUAL(entries(), 1);

    /* A sink freed without commit leaves the old file as it was and no temporary file. */
    FILE *f = fopen(path, "w");
    fputs("OLD", f);
    fclose(f);
    chmod(path, 0640);
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_file(&s, path, NULL), TKG_OK);
    sink_puts(s, "NEW");
    CU_ASSERT_EQUAL(entries(), 2);
    tkg_sink_free(s);
    CU_ASSERT_STRING_EQUAL(slurp(path), "OLD");
    CU_ASSERT_EQUAL(entries(), 1);

    /* A commit replaces it and keeps its permissions. */
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_file(&s, path, NULL), TKG_OK);
    sink_puts(s, "NEW");
    CU_ASSERT_EQUAL(tkg_sink_commit(s, NULL), TKG_OK);
    tkg_sink_free(s);
    CU_ASSERT_STRING_EQUAL(slurp(path), "NEW");
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0640);
    unlink(path);
}

static void test_file_errors(void)
{
    tkg_sink *s = NULL;
    tkg_error err = {0};
    char path[320];
    CU_ASSERT_EQUAL(tkg_sink_open_file(&s, dir, &err), TKG_EIO);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_STRING_EQUAL(err.message, "is a directory");
    CU_ASSERT_STRING_EQUAL(err.source, dir);

    tkg_error_clear(&err);
    snprintf(path, sizeof path, "%s/", dir);
    CU_ASSERT_EQUAL(tkg_sink_open_file(&s, path, &err), TKG_EUSAGE);
    CU_ASSERT_STRING_EQUAL(err.message, "not a file name");

    tkg_error_clear(&err);
    snprintf(path, sizeof path, "%s/no/such/dir/x.svg", dir);
    CU_ASSERT_EQUAL(tkg_sink_open_file(&s, path, &err), TKG_EIO);
    CU_ASSERT_STRING_EQUAL(err.message,
                           "cannot create a file in its directory: no such file or directory");
    CU_ASSERT_EQUAL(entries(), 0);
}

static void test_full_disk(void)
{
    /* /dev/full: a device, written directly; every write fails with ENOSPC. */
    tkg_sink *s = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_file(&s, "/dev/full", &err), TKG_OK);
    sink_puts(s, "x");
    CU_ASSERT_EQUAL(tkg_sink_commit(s, &err), TKG_EIO);
    CU_ASSERT_STRING_EQUAL(err.source, "/dev/full");
    CU_ASSERT_STRING_EQUAL(err.message, "cannot write: no space left on device");
    tkg_sink_free(s);

    int fd = open("/dev/full", O_WRONLY);
    CU_ASSERT_FATAL(fd >= 0);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_fd(&s, fd, "<stdout>", &err), TKG_OK);
    /* Larger than the buffer: the failure shows at the write, and stays. */
    static char big[3 << 20];
    CU_ASSERT_EQUAL(tkg_sink_write(s, big, sizeof big, &err), TKG_EIO);
    CU_ASSERT_STRING_EQUAL(err.source, "<stdout>");
    CU_ASSERT_EQUAL(tkg_sink_commit(s, NULL), TKG_EIO);
    tkg_sink_free(s);
    close(fd);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"memory sink", test_memory},
        {"numbers in the C locale", test_numbers},
        {"atomic file: commit, abort, permissions", test_file_commit},
        {"file errors", test_file_errors},
        {"a full disk", test_full_disk},
    };
    unsigned failures = 1;
    snprintf(dir, sizeof dir, "/tmp/tkg-test-outfile-%ld", (long)getpid());
    if (mkdir(dir, 0700) != 0)
        return 1;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("outfile", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    failures = CU_get_number_of_failures(); /* before CU_cleanup_registry clears it */
done:
    CU_cleanup_registry();
    rmdir(dir);
    return failures != 0;
}
