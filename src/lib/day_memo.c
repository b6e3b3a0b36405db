/* The memo of dates written in digits (see day_memo.h). */
#include "day_memo.h"

#include <stdlib.h>

void day_memo_put(day_memo *m, long key, const tkg_date *d, sym raw)
{
    if (!m->years && !(m->years = calloc(DAY_MEMO_YEARS, sizeof *m->years)))
        return;
    day_memo_entry **year = &m->years[key / DAY_MEMO_SLOTS];
    if (!*year && !(*year = calloc(DAY_MEMO_SLOTS, sizeof **year)))
        return;
    (*year)[key % DAY_MEMO_SLOTS] = (day_memo_entry){raw, d->first, d->last};
}

void day_memo_free(day_memo *m)
{
    for (size_t i = 0; m->years && i < DAY_MEMO_YEARS; i++)
        free(m->years[i]);
    free(m->years);
    m->years = NULL;
}
