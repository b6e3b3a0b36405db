/* The events of a reading in two threads (see xml_read_piped): handed over through the pipe
 * by the parsing thread, delivered to the handler by the caller's, with a look ahead for the
 * handler's prefetching. */
#include "xml_internal.h"

#include "error.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Room for an event of `size` bytes in the pipe; NULL when the delivering thread stopped. */
void *xml_event(xml_parser *x, size_t size)
{
    void *ev = xml_pipe_reserve(x->pipe, size);
    if (!ev && x->pipe->nomem)
        x->nomem = true;
    return ev;
}

bool xml_event_end(xml_parser *x, const char *name)
{
    event_end *ev = xml_event(x, sizeof *ev);
    if (!ev)
        return false;
    *ev = (event_end){EVENT_END, name};
    xml_pipe_commit(x->pipe, sizeof *ev);
    return true;
}

bool xml_event_text(xml_parser *x, const char *text, size_t len)
{
    event_text *ev = xml_event(x, sizeof *ev + len);
    if (!ev)
        return false;
    ev->type = EVENT_TEXT;
    ev->len = len;
    memcpy(ev->text, text, len);
    xml_pipe_commit(x->pipe, sizeof *ev + len);
    return true;
}

bool xml_event_error(xml_parser *x, const tkg_error *e)
{
    event_error *ev = xml_event(x, sizeof *ev);
    if (!ev)
        return false;
    ev->type = EVENT_ERROR;
    ev->e = *e;
    xml_pipe_commit(x->pipe, sizeof *ev);
    return true;
}

void xml_event_progress(xml_parser *x, uint64_t done, uint64_t total)
{
    event_progress *ev = xml_event(x, sizeof *ev);
    if (ev) {
        *ev = (event_progress){EVENT_PROGRESS, done, total};
        xml_pipe_commit(x->pipe, sizeof *ev);
    }
}

/* The element of a start event. */
static xml_element element_of(const event_start *ev, xml_parser *x)
{
    return (xml_element){.name = ev->name,
                         .ns = ev->ns,
                         .attrs = ev->attrs,
                         .attr_count = ev->attr_count,
                         .line = ev->at.line,
                         .column = ev->at.column,
                         .parser = x};
}

/* How many records ahead of delivery each stage of h->peek looks (see xml.h). */
static const size_t peek_distance[XML_PEEK_STAGES] = {48, 28, 12};

/* Shows h->peek the start tags `distance` records ahead of the one being delivered, moving
 * `cursor` (an offset in the pipe's chunk) one record on, or `distance` records on when the
 * chunk is new. */
static void peek_ahead(xml_parser *x, size_t *cursor, unsigned stage, bool new_chunk)
{
    for (size_t n = new_chunk ? peek_distance[stage] : 1; n > 0; n--) {
        const void *record = xml_pipe_peek(x->pipe, cursor);
        if (!record)
            return;
        if (*(const uint32_t *)record == EVENT_START) {
            xml_element el = element_of(record, NULL);
            x->h->peek(x->h->ctx, &el, stage);
        }
    }
}

/* The delivering thread: runs the fast check, if any, on each event, and calls the handler,
 * in order, until the pipe ends, the handler asks to stop (then true), or the fast check
 * cannot vouch for an event (then `delivery_unsure`). */
static bool deliver_events(xml_parser *x)
{
    const xml_handler *h = x->h;
    const xml_fast_check *fast = x->delivery_check;
    const void *record = NULL;
    size_t len, cursor[XML_PEEK_STAGES];
    unsigned long chunk = 0;
    bool go_on = true, unsure_event = false;
    position at = {1, 1}; /* of the last start tag */
    while (go_on && (record = xml_pipe_next(x->pipe, &len)) != NULL) {
        if (h->peek) {
            bool new_chunk = xml_pipe_chunk_number(x->pipe) != chunk;
            chunk = xml_pipe_chunk_number(x->pipe);
            for (unsigned k = 0; k < XML_PEEK_STAGES; k++) {
                if (new_chunk)
                    cursor[k] = 0;
                peek_ahead(x, &cursor[k], k, new_chunk);
            }
        }
        switch (*(const uint32_t *)record) {
        case EVENT_START: {
            const event_start *ev = record;
            xml_element el = element_of(ev, x);
            at = ev->at;
            if (fast && !fast->start(&x->check, &el)) {
                go_on = false;
                unsure_event = true;
                break;
            }
            x->delivering = ev;
            x->delivered++;
            go_on = !h->start || h->start(h->ctx, &el) == 0;
            x->delivering = NULL;
            break;
        }
        case EVENT_END:
            if (fast && !fast->end(&x->check)) {
                go_on = false;
                unsure_event = true;
                break;
            }
            x->delivered++;
            go_on = !h->end || h->end(h->ctx, ((const event_end *)record)->name) == 0;
            break;
        case EVENT_TEXT: {
            const event_text *ev = record;
            if (fast && !fast->text(&x->check, ev->text, ev->len)) {
                go_on = false;
                unsure_event = true;
                break;
            }
            x->delivered++;
            go_on = !h->text || h->text(h->ctx, ev->text, ev->len) == 0;
            break;
        }
        case EVENT_ERROR:
            x->delivered_reports++;
            go_on = !h->error || h->error(h->ctx, &((const event_error *)record)->e) == 0;
            break;
        case EVENT_PROGRESS: {
            const event_progress *ev = record;
            x->in->progress(x->in->progress_ctx, x->in->name, ev->done, ev->total);
            break;
        }
        }
    }
    if (!go_on) {
        x->delivery_unsure = unsure_event;
        x->delivery_unsure_at = at;
        xml_pipe_cancel(x->pipe);
    }
    return !go_on && !x->delivery_unsure;
}

/* The `*len` bytes at `offset` of the input, read again (for the positions of attributes in a
 * message: rare), or NULL with *len 0. */
static char *fetch_tag(xml_parser *x, uint64_t offset, size_t *len)
{
    const xml_input *in = x->in;
    size_t n = *len;
    *len = 0;
    if (n > x->tag_cap) {
        char *more = realloc(x->tag, n);
        if (!more)
            return NULL;
        x->tag = more;
        x->tag_cap = n;
    }
    if (in->data) {
        if (offset > in->len || n > in->len - offset)
            return NULL;
        memcpy(x->tag, in->data + offset, n);
    } else {
        if (x->tag_fd < 0)
            x->tag_fd = open(in->path, O_RDONLY | O_CLOEXEC);
        if (x->tag_fd < 0 || pread(x->tag_fd, x->tag, n, (off_t)offset) != (ssize_t)n)
            return NULL;
    }
    *len = n;
    return x->tag;
}

/* The start tag being delivered through the pipe, as a pending one (for its attributes'
 * positions). */
pending *xml_delivering(xml_parser *x)
{
    const event_start *ev = x->delivering;
    pending *out = &x->out;
    out->el = (open_element){ev->name, ev->ns, ev->at};
    out->attr_count = ev->attr_count;
    memcpy(out->attrs, ev->attrs, ev->attr_count * sizeof *ev->attrs);
    out->tag_len = ev->tag_len;
    if (ev->tag_copied)
        out->tag =
            (char *)((const char *)&ev->attrs[ev->attr_count] + ev->values_len); /* borrowed */
    else
        out->tag = fetch_tag(x, ev->tag_offset, &out->tag_len);
    out->attrs_located = false;
    return out;
}

/* One reading in a thread of its own, the handler being called in the caller's. */
typedef struct reading {
    xml_parser *x;
    const xml_input *in;
    const xml_schema *schema;
    tkg_error err;
    int rc;
} reading;

static void *read_thread(void *arg)
{
    reading *r = arg;
    r->rc = xml_read_once(r->x, r->in, r->schema, false, &r->err);
    xml_pipe_close(r->x->pipe);
    return NULL;
}

#define PIPE_CHUNK  ((size_t)256 * 1024)
#define PIPE_CHUNKS 4

/* Reads the document once without libxml2's validator, parsing in a second thread while
 * this one calls the handler: the parse and what the handler does take about as long on a
 * large input, and now overlap. False when the thread cannot be started: nothing was read
 * then. */
bool xml_read_piped(xml_parser *x, const xml_input *in, const xml_schema *schema, tkg_error *err,
                    int *out)
{
    xml_pipe pipe;
    if (xml_pipe_init(&pipe, PIPE_CHUNK, PIPE_CHUNKS) != 0)
        return false;
    reading r = {.x = x, .in = in, .schema = schema};
    x->pipe = &pipe;
    x->delivery_check = xml_schema_fast(schema);
    x->in = in;
    x->tags_by_offset = xml_rereadable(in);
    x->tag_fd = -1;
    pthread_t thread;
    if (pthread_create(&thread, NULL, read_thread, &r) != 0) {
        x->pipe = NULL;
        xml_pipe_free(&pipe);
        return false;
    }
    bool handler_stopped = deliver_events(x);
    pthread_join(thread, NULL);
    if (x->ctxt)
        xml_free_context(x);
    xml_pipe_free(&pipe);
    x->pipe = NULL;
    free(x->tag);
    x->tag = NULL;
    if (x->tag_fd >= 0)
        close(x->tag_fd);
    int rc = r.rc;
    if (x->delivery_unsure) { /* what came after, the parsing thread's errors too, is void */
        x->unsure = true;
        x->unsure_at = x->delivery_unsure_at;
        x->reported = x->delivered_reports;
        *out = TKG_EINPUT;
        return true;
    }
    if (r.err.code != TKG_OK) /* after what the handler kept: it is about earlier events */
        tkg_error_keep(err, &r.err);
    if (handler_stopped) {
        x->stopped = true;
        x->unsure = false;
        if (rc == TKG_OK)
            rc = tkg_fail(err, TKG_EINPUT, in->name, 0, 0, "invalid document");
    }
    *out = rc;
    return true;
}
