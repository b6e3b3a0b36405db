/* The queue between the parsing thread and the delivering one (see xml_pipe.h). */
#include "xml_pipe.h"

#include <stdint.h>
#include <stdlib.h>

#define HEADER XML_PIPE_HEADER

static size_t padded(size_t len)
{
    return XML_PIPE_PADDED(len);
}

int xml_pipe_init(xml_pipe *p, size_t chunk_bytes, unsigned max_chunks)
{
    *p = (xml_pipe){.chunk_bytes = chunk_bytes, .max_chunks = max_chunks < 3 ? 3 : max_chunks};
    if (pthread_mutex_init(&p->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&p->changed, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        return -1;
    }
    return 0;
}

static void free_list(pipe_chunk *c)
{
    while (c) {
        pipe_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void xml_pipe_free(xml_pipe *p)
{
    free_list(p->ready_head);
    free_list(p->spare);
    free(p->writing);
    free(p->reading);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->mu);
}

/* Makes the producer's chunk visible to the consumer (with the lock held). */
static void publish(xml_pipe *p)
{
    pipe_chunk *c = p->writing;
    p->writing = NULL;
    if (!c)
        return;
    c->next = NULL;
    if (p->ready_tail)
        p->ready_tail->next = c;
    else
        p->ready_head = c;
    p->ready_tail = c;
    pthread_cond_broadcast(&p->changed);
}

/* xml_pipe_reserve when the producer's chunk is full: publishes it and takes another. */
void *xml_pipe_reserve_chunk(xml_pipe *p, size_t len)
{
    size_t need = HEADER + padded(len);
    pipe_chunk *c = p->writing;
    pthread_mutex_lock(&p->mu);
    if (c && c->used > 0)
        publish(p);
    c = p->writing; /* an empty chunk too small for this record is kept as a spare */
    if (c) {
        c->next = p->spare;
        p->spare = c;
        p->writing = NULL;
    }
    for (;;) {
        if (p->cancelled) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        if (p->spare && p->spare->cap >= need) {
            c = p->spare;
            p->spare = c->next;
            break;
        }
        if (p->chunks < p->max_chunks || (p->spare && need > p->chunk_bytes)) {
            if (p->spare && p->chunks >= p->max_chunks) { /* trade a spare for a larger one */
                pipe_chunk *old = p->spare;
                p->spare = old->next;
                free(old);
                p->chunks--;
            }
            size_t cap = need > p->chunk_bytes ? need : p->chunk_bytes;
            c = malloc(sizeof *c + cap);
            if (!c) {
                p->cancelled = true;
                p->nomem = true;
                pthread_cond_broadcast(&p->changed);
                pthread_mutex_unlock(&p->mu);
                return NULL;
            }
            c->cap = cap;
            p->chunks++;
            break;
        }
        pthread_cond_wait(&p->changed, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    c->used = 0;
    c->next = NULL;
    p->writing = c;
    return c->data + HEADER;
}

void xml_pipe_close(xml_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->writing && p->writing->used > 0)
        publish(p);
    p->closed = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
}

const void *xml_pipe_next(xml_pipe *p, size_t *len)
{
    pipe_chunk *c = p->reading;
    if (!c || p->read_at >= c->used) {
        pthread_mutex_lock(&p->mu);
        if (c) { /* finished with: a spare, unless it is an oversized one */
            if (c->cap > p->chunk_bytes) {
                free(c);
                p->chunks--;
            } else {
                c->next = p->spare;
                p->spare = c;
            }
            p->reading = NULL;
            pthread_cond_broadcast(&p->changed);
        }
        while (!p->ready_head && !p->closed && !p->cancelled)
            pthread_cond_wait(&p->changed, &p->mu);
        c = p->cancelled ? NULL : p->ready_head;
        if (c) {
            p->ready_head = c->next;
            if (!p->ready_head)
                p->ready_tail = NULL;
        }
        pthread_mutex_unlock(&p->mu);
        if (!c)
            return NULL;
        p->reading = c;
        p->read_at = 0;
        p->chunk_number++;
    }
    const unsigned char *at = c->data + p->read_at;
    *len = *(const size_t *)(const void *)at;
    p->read_at += HEADER + padded(*len);
    return at + HEADER;
}

void xml_pipe_cancel(xml_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    p->cancelled = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
}

bool xml_pipe_cancelled(xml_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    bool c = p->cancelled;
    pthread_mutex_unlock(&p->mu);
    return c;
}

const void *xml_pipe_peek(const xml_pipe *p, size_t *cursor)
{
    const pipe_chunk *c = p->reading;
    if (!c || *cursor >= c->used)
        return NULL;
    const unsigned char *at = c->data + *cursor;
    *cursor += HEADER + padded(*(const size_t *)(const void *)at);
    return at + HEADER;
}

unsigned long xml_pipe_chunk_number(const xml_pipe *p)
{
    return p->chunk_number;
}
