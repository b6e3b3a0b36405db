/* XML text byte by byte, beside libxml2: counting lines and columns, and refusing what is not
 * UTF-8 text before libxml2 sees it (see xml_text.h). */
#include "xml_text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Counts UTF-8 characters in [a, b): the bytes that do not continue one (10xxxxxx), eight
 * at a time (positions are worked out for every element, over its whole start tag). */
uint32_t xml_columns(const char *a, const char *b)
{
    uint32_t n = 0;
    for (; b - a >= 8; a += 8) {
        uint64_t w;
        memcpy(&w, a, sizeof w);
        /* 0x01 in each byte that continues a character, summed into the top byte */
        uint64_t continuing = (w & ~(w << 1) & 0x8080808080808080u) >> 7;
        n += 8 - (uint32_t)((continuing * 0x0101010101010101u) >> 56);
    }
    for (; a < b; a++)
        n += ((unsigned char)*a & 0xC0) != 0x80;
    return n;
}

/* Counts line feeds in [a, b). */
uint32_t xml_line_feeds(const char *a, const char *b)
{
    uint32_t n = 0;
    while (a < b && (a = memchr(a, '\n', (size_t)(b - a))) != NULL) {
        n++;
        a++;
    }
    return n;
}

void xml_advance(uint32_t *line, uint32_t *column, const char *a, const char *b)
{
    for (; a < b; a++) {
        if (*a == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)*a & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

void xml_clip(char *out, const char *s, size_t n)
{
    size_t o = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (len > n - i)
            len = n - i;
        if (o + len > XML_MAX_QUOTED)
            break;
        if (c < 0x20 || c == 0x7F) {
            out[o++] = '?';
        } else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

int xml_sniff_encoding(const char *data, size_t len, char *msg, size_t size, uint32_t *line,
                       uint32_t *column)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } sniffs[] = {
        {"\x1f\x8b", 2, "gzip-compressed data: decompress it first (gunzip)"},
        {"\xfd"
         "7zXZ\x00",
         6, "xz-compressed data: decompress it first (unxz)"},
        {"BZh", 3, "bzip2-compressed data: decompress it first (bunzip2)"},
        {"PK\x03\x04", 4, "a zip archive: extract the XML file first"},
        {"\x28\xb5\x2f\xfd", 4, "zstd-compressed data: decompress it first (unzstd)"},
        {"\x00\x00\xfe\xff", 4, "UTF-32 text (byte order mark): convert it to UTF-8"},
        {"\xff\xfe\x00\x00", 4, "UTF-32 text (byte order mark): convert it to UTF-8"},
        {"\xfe\xff", 2, "UTF-16 text (byte order mark): convert it to UTF-8"},
        {"\xff\xfe", 2, "UTF-16 text (byte order mark): convert it to UTF-8"},
        {"\x00\x3c\x00\x3f", 4, "UTF-16 text: convert it to UTF-8"},
        {"\x3c\x00\x3f\x00", 4, "UTF-16 text: convert it to UTF-8"},
        {"\x00\x00\x00\x3c", 4, "UTF-32 text: convert it to UTF-8"},
        {"\x3c\x00\x00\x00", 4, "UTF-32 text: convert it to UTF-8"},
        {"\x4c\x6f\xa7\x94", 4, "EBCDIC text: convert it to UTF-8"},
    };
    for (size_t i = 0; i < sizeof sniffs / sizeof *sniffs; i++)
        if (len >= sniffs[i].len && memcmp(data, sniffs[i].magic, sniffs[i].len) == 0) {
            snprintf(msg, size, "not an XML document in UTF-8: this is %s", sniffs[i].what);
            *line = *column = 1;
            return -1;
        }
    const char *start = data;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) /* the UTF-8 byte order mark */
        start += 3;
    size_t rest = len - (size_t)(start - data);
    if (rest < 5 || memcmp(start, "<?xml", 5) != 0)
        return 0;
    const char *end = memchr(start, '>', rest < 512 ? rest : 512);
    if (!end)
        return 0; /* libxml2 reports the malformed declaration */
    const char *enc = NULL;
    for (const char *q = start; q + 8 < end; q++)
        if (memcmp(q, "encoding", 8) == 0) {
            enc = q;
            break;
        }
    if (!enc)
        return 0;
    const char *v = enc + 8;
    while (v < end && (*v == ' ' || *v == '=' || *v == '\t' || *v == '\r' || *v == '\n'))
        v++;
    if (v >= end || (*v != '"' && *v != '\''))
        return 0;
    char quote = *v++;
    const char *close = memchr(v, quote, (size_t)(end - v));
    if (!close)
        return 0;
    size_t n = (size_t)(close - v);
    static const char *const allowed[] = {"UTF-8",      "UTF8",   "US-ASCII",   "ASCII",
                                          "ISO-8859-1", "LATIN1", "ISO_8859-1", "ISO-LATIN-1"};
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (strlen(allowed[i]) == n && strncasecmp(v, allowed[i], n) == 0)
            return 0;
    char name[XML_MAX_QUOTED + 8];
    xml_clip(name, v, n);
    snprintf(msg, size, "unsupported encoding '%s': convert the file to UTF-8", name);
    *line = 1 + xml_line_feeds(data, v);
    const char *bol = v;
    while (bol > start && bol[-1] != '\n')
        bol--;
    *column = xml_columns(bol, v) + 1;
    return -1;
}
