/* A bare libxml2 SAX2 push parse, the floor of bench/read.sh: reads FILE in 256 KiB chunks
 * with read(2), hands them to xmlParseChunk with the options tkg's reader uses (no network,
 * line numbers past 65535, CDATA as text), and counts the start tags. It builds nothing and
 * checks nothing beyond well-formedness: every handler but startElementNs is left NULL.
 *
 * Prints "ELEMENTS elements" on stdout; exits 1 (with libxml2's message on stderr) when the
 * document is not well-formed or cannot be read. Usage: sax2_bare FILE */
#include <libxml/parser.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK ((size_t)256 * 1024)

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)localname, (void)prefix, (void)uri, (void)nb_namespaces, (void)namespaces;
    (void)nb_attributes, (void)nb_defaulted, (void)attributes;
    xmlParserCtxtPtr ctxt = ctx;
    (*(unsigned long *)ctxt->_private)++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sax2_bare FILE\n");
        return 2;
    }
    int status = 1;
    unsigned long elements = 0;
    xmlParserCtxtPtr ctxt = NULL;
    char *buf = malloc(CHUNK);
    int fd = open(argv[1], O_RDONLY);
    if (!buf || fd < 0) {
        fprintf(stderr, "sax2_bare: %s: %s\n", argv[1], strerror(errno));
        goto done;
    }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1]);
    if (!ctxt)
        goto done;
    ctxt->_private = &elements;
    ctxt->userData = ctxt; /* the handlers get the context, to find the counter */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0) {
            fprintf(stderr, "sax2_bare: %s: %s\n", argv[1], strerror(errno));
            goto done;
        }
        if (xmlParseChunk(ctxt, buf, (int)n, n == 0) != 0 || !ctxt->wellFormed) {
            const xmlError *e = xmlCtxtGetLastError(ctxt);
            fprintf(stderr, "sax2_bare: %s:%d: %s", argv[1], e ? e->line : 0,
                    e && e->message ? e->message : "not well-formed\n");
            goto done;
        }
        if (n == 0)
            break;
    }
    printf("%lu elements\n", elements);
    status = 0;
done:
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    if (fd >= 0)
        close(fd);
    free(buf);
    return status;
}
