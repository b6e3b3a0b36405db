// Day numbers <-> ISO dates, and steps through time.
//
// A day number counts days since 1970-01-01 in the proleptic Gregorian calendar (negative
// before 1970), as the data's "s" and "e" do. The conversions are Howard Hinnant's
// days_from_civil / civil_from_days, exact for every year.

const ISO = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/;

/** Days in month `m` (1-12) of year `y`. */
export function monthLength(y, m) {
    if (m === 2) {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        return leap ? 29 : 28;
    }
    return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** The day number of year `y`, month `m` (1-12), day `d`. */
export function dayFromCivil(y, m, d) {
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const mp = (m + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/** {y, m, d} of a day number. */
export function civilFromDay(day) {
    const z = day + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
        Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return {y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/**
 * The day number of a full ISO date "YYYY-MM-DD" (or "±YYYYYY-MM-DD", as isoFromDay writes years
 * outside 0000-9999), or null when it is not one.
 */
export function dayFromIso(text) {
    const match = ISO.exec(typeof text === "string" ? text : "");
    if (!match) return null;
    const y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
    if (m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) return null;
    return dayFromCivil(y, m, d);
}

function pad(n, width) {
    return String(n).padStart(width, "0");
}

/** "YYYY-MM-DD" of a day number (years before 1 or after 9999 signed, as ISO 8601 extends). */
export function isoFromDay(day) {
    const {y, m, d} = civilFromDay(day);
    const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? "-" : "+") + pad(Math.abs(y), 6);
    return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The first and last day that can be shown: the span's half-open [s, e) as [first, last]. */
export function spanBounds(span) {
    if (!span || span.s === null || span.e === null || span.e <= span.s) return null;
    return {first: span.s, last: span.e - 1};
}

/** `day` kept within [bounds.first, bounds.last] (unchanged without bounds). */
export function clampDay(day, bounds) {
    if (!bounds) return day;
    return Math.min(bounds.last, Math.max(bounds.first, day));
}

/**
 * The day `count` steps of `unit` ("day", "month" or "year") after `day` (before it when
 * count is negative), clamped to the bounds. A month or year step keeps the day of the month
 * when it exists and takes the month's last day otherwise (Jan 31 + 1 month = Feb 28 or 29).
 */
export function stepDay(day, unit, count, bounds) {
    let next;
    if (unit === "month" || unit === "year") {
        const {y, m, d} = civilFromDay(day);
        const months = y * 12 + (m - 1) + (unit === "year" ? 12 * count : count);
        const ny = Math.floor(months / 12), nm = months - ny * 12 + 1;
        next = dayFromCivil(ny, nm, Math.min(d, monthLength(ny, nm)));
    } else {
        next = day + count;
    }
    return clampDay(next, bounds);
}
