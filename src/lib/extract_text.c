/* An article's text (see extract_text.h): UTF-8 validation, and HTML through libxml2's HTML
 * parser, hardened as src/lib/xml.c hardens the XML reader: no network, no external DTD or
 * entity (HTML's own named character references only), a size cap checked before parsing,
 * bytes we hold handed over in memory (never libxml2's own I/O). */
#include "extract_text.h"

#include "error.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX ((uint64_t)4 << 30)
#define HTML_OPTIONS                                                                               \
    (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED)

/* A growing output buffer. */
typedef struct outbuf {
    char *p;
    size_t len, cap;
    bool nomem;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
    if (o->nomem)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->len + n + 1 > cap)
            cap *= 2;
        char *more = realloc(o->p, cap);
        if (!more) {
            o->nomem = true;
            return;
        }
        o->p = more, o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

/* ------------------------------------------------------------ UTF-8 */

/* The length of the well-formed UTF-8 sequence at s[0, n), or 0 (RFC 3629: no overlong form,
 * no surrogate, nothing above U+10FFFF). */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t k;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return k;
}

/* Checks that data[0, len) is UTF-8 without NUL bytes; the error names the first bad byte. */
static int check_utf8(const char *data, size_t len, const char *name, size_t skipped,
                      tkg_error *err)
{
    const unsigned char *s = (const unsigned char *)data;
    int line = 1, column = 1 + (skipped ? 1 : 0);
    for (size_t i = 0; i < len;) {
        if (s[i] == 0)
            return tkg_fail(err, TKG_EINPUT, name, line, column, "NUL byte in the article");
        size_t k = utf8_sequence(s + i, len - i);
        if (k == 0)
            return tkg_fail(err, TKG_EINPUT, name, line, column,
                            "invalid UTF-8 (byte 0x%02X): the article must be UTF-8", s[i]);
        if (s[i] == '\n')
            line++, column = 1;
        else
            column++;
        i += k;
    }
    return TKG_OK;
}

/* ------------------------------------------------------------ HTML */

/* Elements whose content is not the article's text. */
static bool dropped(const char *n)
{
    static const char *const names[] = {
        "script", "style",    "nav",    "header", "footer", "aside", "form",   "noscript",
        "head",   "template", "iframe", "object", "svg",    "math",  "button", "select"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(n, names[i]) == 0)
            return true;
    return false;
}

/* Elements that start and end a line of the text. */
static bool block(const char *n)
{
    static const char *const names[] = {
        "p",     "div",     "br",      "h1",         "h2",      "h3",     "h4",         "h5",
        "h6",    "li",      "ul",      "ol",         "dl",      "dt",     "dd",         "tr",
        "table", "section", "article", "blockquote", "pre",     "figure", "figcaption", "main",
        "hr",    "body",    "html",    "address",    "caption", "td",     "th"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(n, names[i]) == 0)
            return true;
    return false;
}

/* Ends the current line, unless it is empty; drops the spaces before the line break. */
static void end_line(outbuf *o)
{
    while (o->len && o->p[o->len - 1] == ' ')
        o->p[--o->len] = '\0';
    if (o->len && o->p[o->len - 1] != '\n')
        put(o, "\n", 1);
}

/* Appends text with every run of white space turned into one space (none at a line start). */
static void put_text(outbuf *o, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
            if (o->len && o->p[o->len - 1] != ' ' && o->p[o->len - 1] != '\n')
                put(o, " ", 1);
        } else
            put(o, s, 1);
    }
}

/* Walks the tree without recursion (the parser bounds the depth, but our stack need not). */
static void walk(xmlNodePtr root, outbuf *o)
{
    xmlNodePtr n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE && !dropped((const char *)n->name)) {
            if (block((const char *)n->name))
                end_line(o);
            descend = n->children != NULL;
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(o, (const char *)n->content);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* Up until a sibling, closing the blocks left on the way. */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE && block((const char *)n->name))
                end_line(o);
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
}

static pthread_once_t init_control = PTHREAD_ONCE_INIT;

static void init_libxml2(void)
{
    xmlInitParser();
}

static int read_html(const char *data, size_t len, const char *name, outbuf *o, tkg_error *err)
{
    if (len > INT_MAX)
        return tkg_fail(err, TKG_ELIMIT, name, 0, 0, "HTML article larger than 2 GiB");
    pthread_once(&init_control, init_libxml2);
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, "UTF-8", HTML_OPTIONS);
    if (!doc)
        return tkg_fail(err, TKG_EINPUT, name, 1, 1, "cannot parse the HTML article");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root)
        walk(root, o);
    end_line(o);
    xmlFreeDoc(doc);
    return o->nomem ? tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory") : TKG_OK;
}

/* ------------------------------------------------------------ the article */

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Content sniffing: the text, after white space, starts with "<!doctype html", "<html",
 * "<!--" or "<head"/"<body" (case ignored). */
static bool looks_like_html(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    static const char *const starts[] = {"<!doctype html", "<html", "<!--", "<head", "<body"};
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
        size_t k = strlen(starts[i]);
        if (n >= k && strncasecmp(s, starts[i], k) == 0)
            return true;
    }
    return false;
}

static int article(const char *data, size_t len, const char *name, bool by_name_html,
                   extract_format format, uint64_t max_bytes, char **text, size_t *text_len,
                   tkg_error *err)
{
    outbuf o = {0};
    int rc = TKG_OK;
    *text = NULL;
    *text_len = 0;
    if (!name)
        name = "<memory>";
    uint64_t max = max_bytes ? max_bytes : DEFAULT_MAX;
    if ((uint64_t)len > max) {
        rc = tkg_fail(err, TKG_ELIMIT, name, 0, 0, "article larger than the limit of %llu bytes",
                      (unsigned long long)max);
        goto done;
    }
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if ((rc = check_utf8(data + bom, len - bom, name, bom, err)) != TKG_OK)
        goto done;
    bool html =
        format == EXTRACT_HTML ||
        (format == EXTRACT_AUTO && (by_name_html || looks_like_html(data + bom, len - bom)));
    if (html) {
        if ((rc = read_html(data + bom, len - bom, name, &o, err)) != TKG_OK)
            goto done;
    } else
        put(&o, data + bom, len - bom);
    if (!o.p)
        put(&o, "", 0);
    if (o.nomem) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    *text = o.p;
    *text_len = o.len;
    o.p = NULL;
done:
    free(o.p);
    return rc;
}

int extract_text_buffer(const char *data, size_t len, const char *name, extract_format format,
                        uint64_t max_bytes, char **text, size_t *text_len, tkg_error *err)
{
    return article(data, len, name, false, format, max_bytes, text, text_len, err);
}

int extract_text_file(const char *path, extract_format format, uint64_t max_bytes, char **text,
                      size_t *text_len, tkg_error *err)
{
    char why[128];
    int rc = TKG_OK;
    char *data = NULL;
    *text = NULL;
    *text_len = 0;
    uint64_t max = max_bytes ? max_bytes : DEFAULT_MAX;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tkg_fail_open(err, path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = tkg_fail(err, TKG_EIO, path, 0, 0, "cannot read: %s",
                      S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        goto done;
    }
    if ((uint64_t)st.st_size > max) {
        rc = tkg_fail(err, TKG_ELIMIT, path, 0, 0, "article larger than the limit of %llu bytes",
                      (unsigned long long)max);
        goto done;
    }
    size_t size = (size_t)st.st_size, got = 0;
    if (!(data = malloc(size ? size : 1))) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    while (got < size) {
        ssize_t k = read(fd, data + got, size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            rc = tkg_fail(err, TKG_EIO, path, 0, 0, "cannot read: %s",
                          k < 0 ? tkg_errno_reason(errno, why, sizeof why) : "file shrank");
            goto done;
        }
        got += (size_t)k;
    }
    bool by_name = ends_with_ci(path, ".html") || ends_with_ci(path, ".htm");
    rc = article(data, size, path, by_name, format, max_bytes, text, text_len, err);
done:
    free(data);
    close(fd);
    return rc;
}
