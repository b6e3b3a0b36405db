/* Unit tests for src/lib/xml_pipe.c: records of every size arrive whole and in order from
 * one thread to another, records larger than a chunk too, look-ahead sees what comes next,
 * and either side can stop the other. */
#include "xml_pipe.h"

#include <CUnit/Basic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 4096

/* The length of record `i`: mostly small, some of a chunk or several. */
static size_t length_of(uint32_t i)
{
    uint32_t h = i * 2654435761u;
    if (h % 97 == 0)
        return CHUNK + h % (3 * CHUNK); /* larger than a chunk */
    return 4 + h % 200;
}

/* Record `i`: its number, then bytes that depend on it. */
static void fill(unsigned char *r, uint32_t i, size_t len)
{
    memcpy(r, &i, sizeof i);
    for (size_t k = sizeof i; k < len; k++)
        r[k] = (unsigned char)(i * 31 + k);
}

static bool intact(const unsigned char *r, uint32_t i, size_t len)
{
    uint32_t got;
    memcpy(&got, r, sizeof got);
    if (got != i || len != length_of(i))
        return false;
    for (size_t k = sizeof i; k < len; k++)
        if (r[k] != (unsigned char)(i * 31 + k))
            return false;
    return true;
}

typedef struct producer {
    xml_pipe *pipe;
    uint32_t count;
    uint32_t made;       /* records committed before the pipe refused one */
    uint32_t misaligned; /* (CUnit's asserts are for the main thread only) */
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    for (uint32_t i = 0; i < p->count; i++) {
        size_t len = length_of(i);
        unsigned char *r = xml_pipe_reserve(p->pipe, len);
        if (!r)
            break;
        p->misaligned += (uintptr_t)r % 8 != 0;
        fill(r, i, len);
        xml_pipe_commit(p->pipe, len);
        p->made++;
    }
    xml_pipe_close(p->pipe);
    return NULL;
}

static void test_order_and_sizes(void)
{
    xml_pipe pipe;
    CU_ASSERT_EQUAL_FATAL(xml_pipe_init(&pipe, CHUNK, 3), 0);
    producer p = {.pipe = &pipe, .count = 20000};
    pthread_t t;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, produce, &p), 0);
    uint32_t next = 0, bad = 0, peeked_bad = 0;
    unsigned long chunk = 0;
    size_t cursor = 0, len;
    const void *r;
    while ((r = xml_pipe_next(&pipe, &len)) != NULL) {
        bad += !intact(r, next, len);
        /* What the look-ahead sees is what xml_pipe_next returns next. */
        if (xml_pipe_chunk_number(&pipe) != chunk) {
            chunk = xml_pipe_chunk_number(&pipe);
            cursor = 0;
            xml_pipe_peek(&pipe, &cursor); /* the record just taken */
        }
        const unsigned char *ahead = xml_pipe_peek(&pipe, &cursor);
        if (ahead)
            peeked_bad += !intact(ahead, next + 1, length_of(next + 1));
        next++;
    }
    pthread_join(t, NULL);
    CU_ASSERT_EQUAL(next, 20000);
    CU_ASSERT_EQUAL(p.made, 20000);
    CU_ASSERT_EQUAL(p.misaligned, 0);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(peeked_bad, 0);
    CU_ASSERT_FALSE(pipe.nomem);
    CU_ASSERT_TRUE(pipe.chunks <= 3); /* a larger chunk is traded for a spare */
    xml_pipe_free(&pipe);
}

static void test_consumer_stops(void)
{
    xml_pipe pipe;
    CU_ASSERT_EQUAL_FATAL(xml_pipe_init(&pipe, CHUNK, 3), 0);
    producer p = {.pipe = &pipe, .count = 1000000};
    pthread_t t;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, produce, &p), 0);
    size_t len;
    for (uint32_t i = 0; i < 100; i++)
        CU_ASSERT_PTR_NOT_NULL(xml_pipe_next(&pipe, &len));
    xml_pipe_cancel(&pipe); /* the producer, blocked or not, is refused from now on */
    pthread_join(t, NULL);
    CU_ASSERT_TRUE(p.made < p.count);
    CU_ASSERT_TRUE(xml_pipe_cancelled(&pipe));
    /* What is left of the consumer's chunk may still come, then the end. */
    uint32_t left = 0;
    while (xml_pipe_next(&pipe, &len) && left < p.made)
        left++;
    CU_ASSERT_TRUE(100 + left <= p.made);
    CU_ASSERT_PTR_NULL(xml_pipe_next(&pipe, &len));
    xml_pipe_free(&pipe);
}

static void test_empty(void)
{
    xml_pipe pipe;
    CU_ASSERT_EQUAL_FATAL(xml_pipe_init(&pipe, CHUNK, 3), 0);
    producer p = {.pipe = &pipe, .count = 0};
    pthread_t t;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, produce, &p), 0);
    size_t len;
    CU_ASSERT_PTR_NULL(xml_pipe_next(&pipe, &len));
    pthread_join(t, NULL);
    xml_pipe_free(&pipe);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"20000 records of every size, in order, with look-ahead", test_order_and_sizes},
        {"the consumer stops the producer", test_consumer_stops},
        {"a pipe closed at once is empty", test_empty},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("xml_pipe", NULL, NULL);
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
