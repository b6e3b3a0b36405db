/* The floors under tkg's TKG-XML reader, for bench/read.sh: how much CPU reading FILE costs
 * with each layer of src/lib/read_xml.c's pipeline and nothing after it.
 *
 *   parse   src/lib/xml.c alone (libxml2's SAX2 push parser with tkg's hardening), the
 *           handlers counting elements and text bytes;
 *   check   the same plus the schema check of src/lib/xsd.c on every event (what read_xml.c
 *           runs before it looks at an element), and nothing stored.
 *
 * Nothing here builds a graph: the difference between `check` and `tkg stats FILE` is the
 * store's share. Prints "LAYER ELEMENTS elements TEXT text bytes"; exits 1 when the document
 * is not well-formed or not valid (the first problem on stderr).
 * Usage: read_floor parse|check FILE */
#include "xml.h"
#include "xsd.h"

#include <stdio.h>
#include <string.h>

typedef struct floor_ctx {
    xsd_check *check; /* NULL: parse only */
    unsigned long elements, text_bytes;
    int problems;
} floor_ctx;

static int on_start(void *ctx, const xml_element *el)
{
    floor_ctx *f = ctx;
    f->elements++;
    if (f->check)
        (void)xsd_start(f->check, el);
    return f->problems != 0;
}

static int on_end(void *ctx, const char *name)
{
    floor_ctx *f = ctx;
    (void)name;
    if (f->check)
        (void)xsd_end(f->check);
    return f->problems != 0;
}

static int on_text(void *ctx, const char *text, size_t len)
{
    floor_ctx *f = ctx;
    f->text_bytes += len;
    if (f->check)
        (void)xsd_text(f->check, text, len);
    return f->problems != 0;
}

static int on_error(void *ctx, const tkg_error *e)
{
    floor_ctx *f = ctx;
    if (f->problems++ == 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", e->source, e->line, e->column, e->message);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "parse") != 0 && strcmp(argv[1], "check") != 0)) {
        fprintf(stderr, "usage: read_floor parse|check FILE\n");
        return 2;
    }
    floor_ctx f = {0};
    xsd_check check = xsd_check_init(&xsd_tkg, argv[2], on_error, &f);
    if (strcmp(argv[1], "check") == 0)
        f.check = &check;
    tkg_store_options opt = {.max_input_bytes = (uint64_t)4 << 30}; /* the store's default */
    xml_input in = xml_input_file(&opt, argv[2]);
    xml_handler h = {
        .ctx = &f, .start = on_start, .end = on_end, .text = on_text, .error = on_error};
    tkg_error err = {0};
    int rc = xml_parse(&in, &h, &err);
    xsd_check_free(&check);
    if (rc != TKG_OK || f.problems) {
        if (!f.problems)
            fprintf(stderr, "read_floor: %s: %s\n", argv[2], err.message);
        return 1;
    }
    printf("%s %lu elements %lu text bytes\n", argv[1], f.elements, f.text_bytes);
    return 0;
}
