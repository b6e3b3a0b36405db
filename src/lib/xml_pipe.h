/* A one-way queue of variable-sized records from one producer thread to one consumer
 * thread, in chunks: the XML layer parses in one thread and delivers in another (xml.c).
 *
 * The producer reserves room for a record, fills it and commits it; a chunk becomes visible
 * to the consumer when it is full or the pipe is closed. The consumer reads records in order;
 * a record stays valid until the consumer asks for the next one. At most `max_chunks` chunks
 * are in flight: a producer that runs ahead waits. Either side may cancel; then the producer's
 * reservations fail and the consumer sees the end. */
#ifndef TKG_XML_PIPE_H
#define TKG_XML_PIPE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pipe_chunk pipe_chunk;

typedef struct xml_pipe {
    /* Shared, under the lock. */
    pthread_mutex_t mu;
    pthread_cond_t changed;
    size_t chunk_bytes;
    unsigned max_chunks, chunks;         /* chunks allocated and not freed */
    pipe_chunk *ready_head, *ready_tail; /* full chunks, oldest first */
    pipe_chunk *spare;                   /* chunks the consumer has finished with */
    bool closed, cancelled;
    bool nomem; /* a reservation failed for want of memory (and cancelled the pipe) */
    /* Each side's own, on cache lines of their own: one side writing next to what the other
     * reads would cost a cache miss per record. */
    _Alignas(64) pipe_chunk *writing; /* the producer's */
    _Alignas(64) pipe_chunk *reading; /* the consumer's */
    size_t read_at;
    unsigned long chunk_number; /* of `reading` */
} xml_pipe;

/** Prepares a pipe of chunks of `chunk_bytes`, at most `max_chunks` in flight; -1 on failure. */
int xml_pipe_init(xml_pipe *p, size_t chunk_bytes, unsigned max_chunks);
/** Frees everything; both sides must be done. */
void xml_pipe_free(xml_pipe *p);

/* Each record is its length, then its bytes, padded to 8. */
#define XML_PIPE_HEADER    sizeof(size_t)
#define XML_PIPE_PADDED(n) (((n) + 7) & ~(size_t)7)

struct pipe_chunk {
    pipe_chunk *next;
    size_t cap, used; /* bytes of data */
    _Alignas(8) unsigned char data[];
};

void *xml_pipe_reserve_chunk(xml_pipe *p, size_t len);

/** Producer: room for a record of `len` bytes (8-byte aligned), or NULL when the pipe was
 *  cancelled or memory ran out (then `nomem` is set, once the call returns). Commit it before
 *  the next reservation. (Inline: records are small and many.) */
static inline void *xml_pipe_reserve(xml_pipe *p, size_t len)
{
    pipe_chunk *c = p->writing;
    if (c && c->used + XML_PIPE_HEADER + XML_PIPE_PADDED(len) <= c->cap)
        return c->data + c->used + XML_PIPE_HEADER;
    return xml_pipe_reserve_chunk(p, len);
}

static inline void xml_pipe_commit(xml_pipe *p, size_t len)
{
    pipe_chunk *c = p->writing;
    *(size_t *)(void *)(c->data + c->used) = len;
    c->used += XML_PIPE_HEADER + XML_PIPE_PADDED(len);
}
/** Producer: no more records. */
void xml_pipe_close(xml_pipe *p);

/** Consumer: the next record and its length, or NULL at the end: closed, or cancelled (the
 *  rest of the consumer's chunk may still come after a cancel). */
const void *xml_pipe_next(xml_pipe *p, size_t *len);

/** Consumer: a record after the last one xml_pipe_next returned, without taking it, to look
 *  ahead. `*cursor` is an offset into the consumer's chunk, 0 for its start, and moves past
 *  the record; NULL past the end of the chunk. `chunk` (xml_pipe_chunk_number) changes when
 *  xml_pipe_next moves to another chunk: cursors then start again from 0. */
const void *xml_pipe_peek(const xml_pipe *p, size_t *cursor);
unsigned long xml_pipe_chunk_number(const xml_pipe *p);

/** Either side: stop. The producer's reservations fail from now on. */
void xml_pipe_cancel(xml_pipe *p);
bool xml_pipe_cancelled(xml_pipe *p);

#endif
