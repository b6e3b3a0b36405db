/* Cleaning and escaping: every byte of user text that reaches an output goes through
 * esc_put, esc_put_capped, esc_put_id or (the command line's tables and messages)
 * tkg_text_write. */
#include "escape.h"

#include <assert.h>
#include <stdio.h>

#define B(m)       (1u << (m))
#define SHOW_MODES (B(ESC_SHOW) | B(ESC_SHOW_CELL) | B(ESC_SHOW_TSV) | B(ESC_SHOW_JSON))

/* ASCII characters (other than C0 controls, always special) that a mode must rewrite. */
static const uint16_t special[128] = {
    ['&'] = B(ESC_XML_TEXT) | B(ESC_XML_ATTR) | B(ESC_DOT) | B(ESC_DOT_TIP) | B(ESC_HTML) |
            B(ESC_URL) | B(ESC_JSON_SCRIPT),
    ['<'] = B(ESC_XML_TEXT) | B(ESC_XML_ATTR) | B(ESC_HTML) | B(ESC_URL) | B(ESC_JSON_SCRIPT),
    ['>'] = B(ESC_XML_TEXT) | B(ESC_XML_ATTR) | B(ESC_HTML) | B(ESC_URL) | B(ESC_JSON_SCRIPT),
    ['"'] = B(ESC_XML_ATTR) | B(ESC_DOT) | B(ESC_DOT_TIP) | B(ESC_HTML) | B(ESC_JSON) | B(ESC_CSV) |
            B(ESC_URL) | B(ESC_SHOW_JSON) | B(ESC_JSON_SCRIPT),
    ['\\'] = B(ESC_DOT) | B(ESC_DOT_TIP) | B(ESC_JSON) | B(ESC_URL) | B(ESC_SHOW_TSV) |
             B(ESC_SHOW_JSON) | B(ESC_JSON_SCRIPT),
    [0x7f] = SHOW_MODES, /* DEL */
    ['\''] = B(ESC_URL),
    [' '] = B(ESC_URL),
};

size_t utf8_sequence(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

static size_t lit(char *buf, const char *s)
{
    size_t n = strlen(s);
    memcpy(buf, s, n);
    return n;
}

/* esc_char for the ESC_SHOW modes: controls are shown, not dropped. */
static size_t show_char(esc_mode mode, const unsigned char *p, size_t n, char *buf, size_t *used)
{
    unsigned char c = p[0];
    uint32_t cp = c;
    *used = 1;
    if (c >= 0x80) {
        size_t k = utf8_sequence(p, n, &cp);
        if (k == 0)
            return lit(buf, "\xEF\xBF\xBD"); /* U+FFFD */
        *used = k;
        if (cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        bool json_separator = mode == ESC_SHOW_JSON && (cp == 0x2028 || cp == 0x2029);
        if (cp > 0x9F && !json_separator) {
            memcpy(buf, p, k);
            return k;
        }
        return (size_t)snprintf(buf, 16, "\\u%04x", (unsigned)cp); /* C1, U+2028, U+2029 */
    }
    switch (c) {
    case '\t':
    case '\n':
    case '\r':
        if (mode == ESC_SHOW_CELL)
            return lit(buf, " ");
        if (mode != ESC_SHOW)
            return lit(buf, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
        break;
    case '\\':
        if (mode == ESC_SHOW_TSV || mode == ESC_SHOW_JSON)
            return lit(buf, "\\\\");
        break;
    case '"':
        if (mode == ESC_SHOW_JSON)
            return lit(buf, "\\\"");
        break;
    default:
        break;
    }
    if (c < 0x20 || c == 0x7f)
        return (size_t)snprintf(buf, 16, mode == ESC_SHOW_JSON ? "\\u%04x" : "\\x%02x", c);
    buf[0] = (char)c;
    return 1;
}

/* Escapes the character at [p, p + n) for `mode` into `buf` (16 bytes); `*used` receives
 * the input bytes it stands for. Returns the output length (0: dropped). */
static size_t esc_char(esc_mode mode, const unsigned char *p, size_t n, char *buf, size_t *used)
{
    if (mode >= ESC_SHOW)
        return show_char(mode, p, n, buf, used);
    unsigned char c = p[0];
    *used = 1;
    if (mode == ESC_JSON_SCRIPT) { /* JSON, with what HTML reads inside <script> escaped */
        if (c == '<' || c == '>' || c == '&')
            return lit(buf, c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026");
        mode = ESC_JSON;
    }
    if (c >= 0x80) {
        uint32_t cp;
        size_t k = utf8_sequence(p, n, &cp);
        if (k == 0)
            return lit(buf, "\xEF\xBF\xBD"); /* U+FFFD */
        *used = k;
        if (cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        if (mode == ESC_JSON && cp == 0x2028)
            return lit(buf, "\\u2028");
        if (mode == ESC_JSON && cp == 0x2029)
            return lit(buf, "\\u2029");
        memcpy(buf, p, k);
        return k;
    }
    bool crlf = c == '\r' && n > 1 && p[1] == '\n';
    switch (c) {
    case '\t':
        return lit(buf, mode == ESC_XML_ATTR ? "&#9;"
                        : mode == ESC_HTML   ? " "
                        : mode == ESC_JSON   ? "\\t"
                        : mode == ESC_URL    ? "%09"
                                             : "\t");
    case '\n':
        return lit(buf, mode == ESC_XML_ATTR  ? "&#10;"
                        : mode == ESC_DOT     ? "\\n"
                        : mode == ESC_DOT_TIP ? "\\n"
                        : mode == ESC_HTML    ? " "
                        : mode == ESC_JSON    ? "\\n"
                        : mode == ESC_URL     ? "%0A"
                                              : "\n");
    case '\r':
        /* DOT and HTML labels have one line break: CR LF counts once, a lone CR is one. */
        if (mode == ESC_DOT || mode == ESC_DOT_TIP)
            return lit(buf, crlf ? "" : "\\n");
        if (mode == ESC_HTML)
            return lit(buf, crlf ? "" : " ");
        return lit(buf, mode == ESC_JSON  ? "\\r"
                        : mode == ESC_URL ? "%0D"
                        : mode == ESC_CSV ? "\r"
                                          : "&#13;");
    case '&':
        return lit(buf, "&amp;");
    case '<':
        return lit(buf, mode == ESC_URL ? "%3C" : "&lt;");
    case '>':
        return lit(buf, mode == ESC_URL ? "%3E" : "&gt;");
    case '"':
        return lit(buf, mode == ESC_DOT || mode == ESC_DOT_TIP || mode == ESC_JSON ? "\\\""
                        : mode == ESC_CSV                                          ? "\"\""
                        : mode == ESC_URL                                          ? "%22"
                                                                                   : "&quot;");
    case '\\':
        return lit(buf, mode == ESC_URL ? "%5C" : mode == ESC_DOT_TIP ? "\\\\\\\\" : "\\\\");
    case '\'':
        return lit(buf, "%27");
    case ' ':
        return lit(buf, "%20");
    default:
        if (c < 0x20)
            return 0; /* a C0 control */
        buf[0] = (char)c;
        return 1;
    }
}

static inline bool plain_char(unsigned mask, unsigned char c)
{
    return c >= 0x20 && c < 0x80 && !(special[c] & mask);
}

/* esc_char for any character, plain ones included. */
static size_t esc_any(esc_mode mode, unsigned mask, const unsigned char *p, size_t n, char *buf,
                      size_t *used)
{
    if (plain_char(mask, p[0])) {
        buf[0] = (char)p[0];
        *used = 1;
        return 1;
    }
    return esc_char(mode, p, n, buf, used);
}

void esc_put(tkg_sink *out, esc_mode mode, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned mask = B(mode);
    size_t start = 0, i = 0;
    while (i < len) {
        if (plain_char(mask, p[i])) {
            i++;
            continue;
        }
        if (i > start)
            sink_put(out, p + start, i - start);
        char buf[16];
        size_t used, n = esc_char(mode, p + i, len - i, buf, &used);
        if (n)
            sink_put(out, buf, n);
        i += used;
        start = i;
    }
    if (i > start)
        sink_put(out, p + start, i - start);
}

bool esc_put_capped(tkg_sink *out, esc_mode mode, const char *text, size_t len, size_t max)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned mask = B(mode);
    char buf[16];
    size_t total = 0, used;
    for (size_t i = 0; i < len && total <= max; i += used)
        total += esc_any(mode, mask, p + i, len - i, buf, &used);
    if (total <= max) {
        esc_put(out, mode, text, len);
        return false;
    }
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
    size_t room = max - (sizeof ellipsis - 1);
    total = 0;
    for (size_t i = 0; i < len; i += used) {
        size_t n = esc_any(mode, mask, p + i, len - i, buf, &used);
        if (total + n > room)
            break;
        sink_put(out, buf, n);
        total += n;
    }
    sink_put(out, ellipsis, sizeof ellipsis - 1);
    return true;
}

bool esc_is_clean(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = p[i] < 0x80 ? 1 : utf8_sequence(p + i, len - i, &cp);
        if (k == 0 || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') ||
            (k == 3 && (cp == 0xFFFE || cp == 0xFFFF)))
            return false;
        i += k;
    }
    return true;
}

static inline bool id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '-';
}

bool esc_id_is_plain(const char *id)
{
    if (!id || !id[0])
        return false;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (!id_char(*p))
            return false;
    return true;
}

void esc_put_id(tkg_sink *out, const char *id)
{
    static const char hex[] = "0123456789ABCDEF";
    if (esc_id_is_plain(id)) {
        sink_puts(out, id);
        return;
    }
    if (!id || !id[0]) {
        sink_puts(out, "\xC2\xB7");
        return;
    }
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (id_char(*p)) {
            sink_putc(out, (char)*p);
        } else {
            char e[4] = {'\xC2', '\xB7', hex[*p >> 4], hex[*p & 15]};
            sink_put(out, e, 4);
        }
    }
}

int tkg_sink_write_xml(tkg_sink *s, const char *text, tkg_error *err)
{
    esc_puts(s, ESC_XML_ATTR, text);
    return sink_status(s) == TKG_OK ? TKG_OK : tkg_error_keep(err, &s->error);
}

size_t tkg_text_write(FILE *f, tkg_text_mode mode, const char *text)
{
    static const esc_mode modes[] = {[TKG_TEXT_TERMINAL] = ESC_SHOW,
                                     [TKG_TEXT_CELL] = ESC_SHOW_CELL,
                                     [TKG_TEXT_TSV] = ESC_SHOW_TSV,
                                     [TKG_TEXT_JSON] = ESC_SHOW_JSON,
                                     [TKG_TEXT_CSV] = ESC_CSV};
    assert(f);
    if (!text || (unsigned)mode >= sizeof modes / sizeof *modes)
        return 0;
    const esc_mode m = modes[mode];
    const unsigned mask = B(m);
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text), start = 0, i = 0, total = 0;
    while (i < len) {
        if (plain_char(mask, p[i])) {
            i++;
            continue;
        }
        if (i > start)
            total += fwrite(p + start, 1, i - start, f);
        char buf[16];
        size_t used, k = esc_char(m, p + i, len - i, buf, &used);
        if (k)
            total += fwrite(buf, 1, k, f);
        i += used;
        start = i;
    }
    if (i > start)
        total += fwrite(p + start, 1, i - start, f);
    return total;
}
