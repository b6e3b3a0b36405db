/* A memo of dates written in digits, YYYY, YYYY-MM or YYYY-MM-DD, for the readers of bulk
 * input: files of dated facts repeat a few thousand dates at most, and a fact then needs
 * neither parsing nor the string table for its dates.
 *
 * Each such text has a place of its own, found without hashing (day_memo_key): per year,
 * an entry for each (month, day), month or day 0 when not written. Dated facts cluster in a
 * few decades, so the entries in use are few and close together. */
#ifndef TKG_DAY_MEMO_H
#define TKG_DAY_MEMO_H

#include "store.h"

#define DAY_MEMO_YEARS 10000
#define DAY_MEMO_SLOTS (13 * 32) /* months 0-12, days 0-31 */

typedef struct day_memo_entry {
    sym raw;             /* the date's symbol; SYM_NONE: not read yet */
    int32_t first, last; /* what tkg_date_parse gives (the rest follows from the place) */
} day_memo_entry;

typedef struct day_memo {
    day_memo_entry **years; /* DAY_MEMO_YEARS pointers, each NULL or DAY_MEMO_SLOTS entries */
} day_memo;

/** The place of the date text [p, p + n) when it is written YYYY, YYYY-MM or YYYY-MM-DD in
 *  digits (month at most 12, day at most 31): year * DAY_MEMO_SLOTS + month * 32 + day;
 *  -1 for any other text. */
static inline long day_memo_key(const char *p, size_t n)
{
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? p[i] != '-' : p[i] < '0' || p[i] > '9')
            return -1;
    }
    int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int month = n >= 7 ? (p[5] - '0') * 10 + (p[6] - '0') : 0;
    int day = n == 10 ? (p[8] - '0') * 10 + (p[9] - '0') : 0;
    if ((n >= 7 && (month < 1 || month > 12)) || (n == 10 && (day < 1 || day > 31)))
        return -1;
    return (long)year * DAY_MEMO_SLOTS + month * 32 + day;
}

/* The entry of a key, or NULL when its year has none yet. */
static inline day_memo_entry *day_memo_entry_of(const day_memo *m, long key)
{
    day_memo_entry *year = m->years ? m->years[key / DAY_MEMO_SLOTS] : NULL;
    return year ? &year[key % DAY_MEMO_SLOTS] : NULL;
}

/** Starts loading the entry of a key. */
PREFETCH_FN void day_memo_prefetch(const day_memo *m, long key)
{
    const day_memo_entry *e = day_memo_entry_of(m, key);
    if (e)
        __builtin_prefetch(e);
}

/** The date and bound of the text of `key` when it was remembered: true, and `out` and `b`
 *  are set. */
static inline bool day_memo_get(const day_memo *m, long key, tkg_date *out, bound *b)
{
    const day_memo_entry *e = day_memo_entry_of(m, key);
    if (!e || !e->raw)
        return false;
    int month = (int)(key % DAY_MEMO_SLOTS / 32), day = (int)(key % 32);
    tkg_precision prec = day ? TKG_PREC_DAY : month ? TKG_PREC_MONTH : TKG_PREC_YEAR;
    *out = (tkg_date){
        (int16_t)(key / DAY_MEMO_SLOTS), (int8_t)month, (int8_t)day, prec, e->first, e->last};
    *b = (bound){e->raw, (uint8_t)prec};
    return true;
}

/** Remembers the date `d` (of symbol `raw`) of the text of `key`. A cache: when memory is
 *  short, it stays as it is. */
void day_memo_put(day_memo *m, long key, const tkg_date *d, sym raw);

/** Releases the memo (it may be used again, empty). */
void day_memo_free(day_memo *m);

#endif
