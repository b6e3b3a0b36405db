/* Unit tests for src/lib/arena.c and src/lib/intern.c: bump allocation, stable pointers,
 * growth, one symbol per distinct byte string. */
#include "arena.h"
#include "intern.h"

#include <CUnit/Basic.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB ((size_t)1 << 20)

/* ------------------------------------------------------------- arena */

static void test_arena_alignment(void)
{
    arena a = {0};
    const size_t align = alignof(max_align_t);
    /* Odd sizes: every pointer is still aligned for any type. */
    for (size_t size = 1; size <= 100; size++) {
        unsigned char *p = arena_alloc(&a, size);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_EQUAL((uintptr_t)p % align, 0);
        memset(p, 0xAB, size); /* writable; ASan checks the bounds */
    }
    arena_free(&a);
}

static void test_arena_stable_pointers(void)
{
    arena a = {0};
    enum { N = 100000 };
    unsigned char **ptrs = malloc(N * sizeof *ptrs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ptrs);
    /* 100000 allocations of 1..64 bytes span several 1 MiB blocks. */
    for (size_t i = 0; i < N; i++) {
        size_t size = 1 + i % 64;
        ptrs[i] = arena_alloc(&a, size);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ptrs[i]);
        memset(ptrs[i], (int)(i & 0xFF), size);
    }
    CU_ASSERT(a.total > MIB);
    long bad = 0;
    for (size_t i = 0; i < N; i++) {
        size_t size = 1 + i % 64;
        for (size_t k = 0; k < size; k++)
            bad += ptrs[i][k] != (unsigned char)(i & 0xFF);
    }
    CU_ASSERT_EQUAL(bad, 0);
    free(ptrs);
    arena_free(&a);
    CU_ASSERT_PTR_NULL(a.head);
    CU_ASSERT_EQUAL(a.total, 0);
    CU_ASSERT_EQUAL(a.used, 0);
}

static void test_arena_blocks(void)
{
    arena a = {0};
    char *first = arena_alloc(&a, 16);
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    CU_ASSERT_EQUAL(a.total, MIB);
    CU_ASSERT_EQUAL(a.used, 16);

    /* Leave 100000 bytes in the block (all sizes here are multiples of 16). */
    char *fill = arena_alloc(&a, MIB - 16 - 100000);
    CU_ASSERT_PTR_EQUAL(fill, first + 16);
    CU_ASSERT_EQUAL(a.used, MIB - 100000);

    /* An oversized request (more than a quarter block) that does not fit gets a block of its
     * own, and the current block keeps being filled afterwards. */
    char *big = arena_alloc(&a, 300000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, 'x', 300000);
    CU_ASSERT_EQUAL(a.total, MIB + 300000);
    CU_ASSERT_EQUAL(a.used, MIB - 100000);
    char *next = arena_alloc(&a, 16);
    CU_ASSERT_PTR_EQUAL(next, fill + (MIB - 16 - 100000));
    CU_ASSERT_EQUAL(a.used, MIB - 100000 + 16);

    /* Filling the block exactly, then one more byte: a new full block becomes current. */
    CU_ASSERT_PTR_NOT_NULL(arena_alloc(&a, 100000 - 16));
    CU_ASSERT_EQUAL(a.used, MIB);
    CU_ASSERT_EQUAL(a.total, MIB + 300000);
    char *spill = arena_alloc(&a, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(spill);
    CU_ASSERT_EQUAL(a.total, 2 * MIB + 300000);
    CU_ASSERT_EQUAL(a.used, 1);

    /* A request of exactly a quarter block is not oversized: it is served from the block,
     * aligned. */
    CU_ASSERT_PTR_EQUAL(arena_alloc(&a, MIB / 4), spill + 16);
    CU_ASSERT_EQUAL(a.total, 2 * MIB + 300000);

    /* The first allocations are untouched by all of this. */
    memset(first, 'f', 16);
    CU_ASSERT_EQUAL(big[0], 'x');
    CU_ASSERT_EQUAL(big[299999], 'x');

    /* Freed, the arena is empty and usable again. */
    arena_free(&a);
    CU_ASSERT_EQUAL(a.total, 0);
    CU_ASSERT_PTR_NOT_NULL(arena_alloc(&a, 1));
    CU_ASSERT_EQUAL(a.total, MIB);
    arena_free(&a);
    arena_free(&a); /* freeing an empty arena is harmless */
}

static void test_arena_strndup(void)
{
    arena a = {0};
    char *s = arena_strndup(&a, "hello, world", 5);
    CU_ASSERT_STRING_EQUAL(s, "hello");
    /* Embedded NULs are copied; the copy is terminated after `len` bytes. */
    char *z = arena_strndup(&a, "a\0b\0c", 5);
    CU_ASSERT_EQUAL(memcmp(z, "a\0b\0c", 6), 0);
    char *empty = arena_strndup(&a, "", 0);
    CU_ASSERT_STRING_EQUAL(empty, "");
    CU_ASSERT_PTR_NOT_EQUAL(empty, s);
    /* Strings need no alignment: they are packed one after the other. */
    CU_ASSERT_PTR_EQUAL(z, s + 6);
    CU_ASSERT_PTR_EQUAL(empty, z + 6);
    CU_ASSERT_STRING_EQUAL(s, "hello");
    arena_free(&a);
}

/* ------------------------------------------------------------ interner */

static void test_intern_basics(void)
{
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    CU_ASSERT_EQUAL(in.count, 1);
    CU_ASSERT_PTR_NULL(intern_str(&in, SYM_NONE));

    sym mali = intern_add(&in, "mali", 4);
    sym niger = intern_add(&in, "niger", 5);
    CU_ASSERT_EQUAL(mali, 1);
    CU_ASSERT_EQUAL(niger, 2);
    CU_ASSERT_EQUAL(intern_add(&in, "mali", 4), mali);
    CU_ASSERT_EQUAL(in.count, 3);
    CU_ASSERT_STRING_EQUAL(intern_str(&in, mali), "mali");
    CU_ASSERT_EQUAL(in.len[niger], 5);

    /* The interner copies: changing the caller's buffer changes nothing. */
    char buf[] = "burkina";
    sym bf = intern_add(&in, buf, 7);
    buf[0] = 'X';
    CU_ASSERT_STRING_EQUAL(intern_str(&in, bf), "burkina");
    CU_ASSERT_EQUAL(intern_find(&in, "burkina", 7), bf);
    CU_ASSERT_EQUAL(intern_find(&in, buf, 7), SYM_NONE);

    /* Only `len` bytes count: a prefix is another string. */
    CU_ASSERT_EQUAL(intern_add(&in, "maliXYZ", 4), mali);
    sym mal = intern_add(&in, "mali", 3);
    CU_ASSERT_NOT_EQUAL(mal, mali);
    CU_ASSERT_STRING_EQUAL(intern_str(&in, mal), "mal");

    /* The empty string is a symbol like any other, not SYM_NONE. */
    sym empty = intern_add(&in, "", 0);
    CU_ASSERT_NOT_EQUAL(empty, SYM_NONE);
    CU_ASSERT_STRING_EQUAL(intern_str(&in, empty), "");
    CU_ASSERT_EQUAL(intern_add(&in, "abc", 0), empty);

    /* intern_find never adds. */
    uint32_t count = in.count;
    CU_ASSERT_EQUAL(intern_find(&in, "chad", 4), SYM_NONE);
    CU_ASSERT_EQUAL(in.count, count);
    intern_free(&in);
    intern_free(&in); /* a freed interner frees again harmlessly */
}

static void test_intern_embedded_nul(void)
{
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    sym a = intern_add(&in, "a", 1);
    sym a0 = intern_add(&in, "a\0", 2);
    sym a0b = intern_add(&in, "a\0b", 3);
    sym a0c = intern_add(&in, "a\0c", 3);
    CU_ASSERT(a != a0 && a != a0b && a != a0c && a0 != a0b && a0 != a0c && a0b != a0c);
    CU_ASSERT_EQUAL(intern_add(&in, "a\0b", 3), a0b);
    CU_ASSERT_EQUAL(in.len[a0b], 3);
    CU_ASSERT_EQUAL(memcmp(intern_str(&in, a0c), "a\0c", 4), 0);
    CU_ASSERT_EQUAL(intern_find(&in, "a\0c", 3), a0c);
    intern_free(&in);
}

/* 200000 distinct strings: symbols are dense and in order, strings keep their addresses
 * while the tables grow, and each string is found again. */
static void test_intern_many(void)
{
    enum { N = 200000 };
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    const char **first = malloc(N * sizeof *first);
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    uint32_t initial_slots = in.nslots, initial_cap = in.cap;
    long bad = 0;
    for (uint32_t i = 0; i < N; i++) {
        char text[32];
        int n = snprintf(text, sizeof text, "entity-%u", i);
        sym y = intern_add(&in, text, (size_t)n);
        bad += y != i + 1;
        first[i] = intern_str(&in, y);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(in.count, N + 1);
    /* The tables grew, keeping the load of the hash table at most one half. */
    CU_ASSERT(in.nslots > initial_slots);
    CU_ASSERT(in.cap > initial_cap);
    CU_ASSERT(in.count * 2 <= in.nslots);
    CU_ASSERT_EQUAL(in.nslots & (in.nslots - 1), 0);

    /* Adding again finds, and nothing moved. */
    bad = 0;
    for (uint32_t i = 0; i < N; i++) {
        char text[32];
        int n = snprintf(text, sizeof text, "entity-%u", i);
        sym y = intern_add(&in, text, (size_t)n);
        bad += y != i + 1;
        bad += intern_find(&in, text, (size_t)n) != i + 1;
        bad += intern_str(&in, y) != first[i];
        bad += strcmp(first[i], text) != 0;
        bad += in.len[y] != (uint32_t)n;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(in.count, N + 1);
    free(first);
    intern_free(&in);
}

static void test_intern_long_string(void)
{
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    size_t n = 3 * MIB;
    char *big = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    sym small = intern_add(&in, "small", 5);
    sym y = intern_add(&in, big, n);
    CU_ASSERT_NOT_EQUAL(y, SYM_NONE);
    CU_ASSERT_EQUAL(in.len[y], n);
    CU_ASSERT_EQUAL(memcmp(intern_str(&in, y), big, n), 0);
    CU_ASSERT_EQUAL(intern_str(&in, y)[n], '\0');
    big[n - 1] = '!';
    CU_ASSERT_EQUAL(intern_find(&in, big, n), SYM_NONE);
    CU_ASSERT_STRING_EQUAL(intern_str(&in, small), "small");
    free(big);
    intern_free(&in);
}

/* The hash depends on exactly `len` bytes, and similar keys ("e0", "e1", ...) spread over
 * the low bits that the tables index by: 4096 such keys into 4096 buckets fill about
 * 1 - 1/e (63%) of them under a uniform hash; a hash that summed or dropped bytes would
 * fill far fewer than half. */
static void test_intern_hash(void)
{
    CU_ASSERT_EQUAL(intern_hash("foobar", 6), intern_hash("foobarXYZ", 6));
    CU_ASSERT_NOT_EQUAL(intern_hash("foobar", 6), intern_hash("foobar", 5));
    CU_ASSERT_NOT_EQUAL(intern_hash("a\0b", 3), intern_hash("a\0c", 3));
    static unsigned char used[4096];
    memset(used, 0, sizeof used);
    unsigned filled = 0;
    for (unsigned i = 0; i < 4096; i++) {
        char key[16];
        int n = snprintf(key, sizeof key, "e%u", i);
        uint32_t b = intern_hash(key, (size_t)n) & 4095;
        filled += !used[b];
        used[b] = 1;
    }
    CU_ASSERT(filled > 4096 / 2);
}

/* intern_same is memcmp(...) == 0 for every length, whichever byte differs. */
static void test_intern_same(void)
{
    char a[48], b[48];
    for (size_t i = 0; i < sizeof a; i++)
        a[i] = (char)('A' + (i * 7) % 53);
    long bad = 0;
    for (size_t len = 0; len <= 40; len++) {
        memcpy(b, a, sizeof b);
        bad += !intern_same(a, b, len);
        for (size_t k = 0; k < len; k++) {
            b[k] ^= 0x20;
            bad += intern_same(a, b, len);
            b[k] = a[k];
        }
        /* bytes past `len` do not count */
        b[len] ^= 0x20;
        bad += !intern_same(a, b, len);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* A table slot tells strings apart by their hash and their length, up to 254 bytes; from
 * 255 bytes on, the lengths are compared apart. Strings of one byte repeated, of lengths
 * around that limit, are all different symbols. */
static void test_intern_long_lengths(void)
{
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    static char text[600];
    memset(text, 'x', sizeof text);
    static const size_t lengths[] = {253, 254, 255, 256, 300, 511, 512, 599};
    sym y[8];
    for (size_t i = 0; i < 8; i++) {
        y[i] = intern_add(&in, text, lengths[i]);
        CU_ASSERT_EQUAL(y[i], i + 1);
    }
    for (size_t i = 0; i < 8; i++) {
        CU_ASSERT_EQUAL(intern_find(&in, text, lengths[i]), y[i]);
        CU_ASSERT_EQUAL(in.len[y[i]], lengths[i]);
    }
    CU_ASSERT_EQUAL(intern_find(&in, text, 257), SYM_NONE);
    CU_ASSERT_EQUAL(intern_find(&in, text, 598), SYM_NONE);
    intern_free(&in);
}

/* The entry points that take a hash computed ahead find and add as the others do, and the
 * guess that prefetching uses names the symbol a lookup then finds. */
static void test_intern_hashed_and_guess(void)
{
    enum { N = 5000 };
    interner in;
    CU_ASSERT_EQUAL_FATAL(intern_init(&in), 0);
    CU_ASSERT_EQUAL(intern_guess(&in, intern_hash("a", 1), 1), SYM_NONE);
    long bad = 0, guessed = 0;
    for (uint32_t i = 0; i < N; i++) {
        char text[32];
        int n = snprintf(text, sizeof text, "name %u", i);
        uint32_t h = intern_hash(text, (size_t)n);
        bad += intern_add_hashed(&in, text, (size_t)n, h) != i + 1;
        bad += intern_add(&in, text, (size_t)n) != i + 1;
    }
    for (uint32_t i = 0; i < N; i++) {
        char text[32];
        int n = snprintf(text, sizeof text, "name %u", i);
        uint32_t h = intern_hash(text, (size_t)n);
        bad += intern_add_hashed(&in, text, (size_t)n, h) != i + 1;
        guessed += intern_guess(&in, h, (size_t)n) == i + 1;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(in.count, N + 1);
    /* A guess misses a symbol whose slot is far from where its hash points, or one whose
     * hash shares 24 bits and its length with another's: both are rare. */
    CU_ASSERT(guessed >= N - N / 100);
    intern_free(&in);
}

/* Large tables are zeroed and aligned to 2 MiB (so that huge pages can back them); rows are
 * aligned alike; small sizes are plain allocations. */
static void test_mem_tables(void)
{
    size_t big = 3 * MIB + 5;
    unsigned char *t = mem_table(big);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL((uintptr_t)t % (2 * MIB), 0);
    long nonzero = 0;
    for (size_t i = 0; i < big; i++)
        nonzero += t[i] != 0;
    CU_ASSERT_EQUAL(nonzero, 0);
    memset(t, 0xAB, big);
    free(t);
    unsigned char *small = mem_table(100);
    CU_ASSERT_PTR_NOT_NULL_FATAL(small);
    for (size_t i = 0; i < 100; i++)
        nonzero += small[i] != 0;
    CU_ASSERT_EQUAL(nonzero, 0);
    free(small);
    unsigned char *rows = mem_rows(5 * MIB);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
    CU_ASSERT_EQUAL((uintptr_t)rows % (2 * MIB), 0);
    memset(rows, 1, 5 * MIB);
    /* rows may grow with realloc, keeping what they hold */
    unsigned char *more = realloc(rows, 9 * MIB);
    CU_ASSERT_PTR_NOT_NULL_FATAL(more);
    CU_ASSERT_EQUAL(more[5 * MIB - 1], 1);
    free(more);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"arena: alignment", test_arena_alignment},
        {"arena: stable pointers over many blocks", test_arena_stable_pointers},
        {"arena: oversized requests and block accounting", test_arena_blocks},
        {"arena: strndup with lengths", test_arena_strndup},
        {"intern: identical strings are one symbol", test_intern_basics},
        {"intern: embedded NULs and lengths", test_intern_embedded_nul},
        {"intern: 200000 strings, growth, stable pointers", test_intern_many},
        {"intern: a string longer than a block", test_intern_long_string},
        {"intern: hash spreads similar keys", test_intern_hash},
        {"intern: comparing short strings", test_intern_same},
        {"intern: lengths of 255 bytes and more", test_intern_long_lengths},
        {"intern: hashes computed ahead, guesses", test_intern_hashed_and_guess},
        {"memory for large tables and rows", test_mem_tables},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("intern", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    /* read before CU_cleanup_registry(), which clears it */
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
