/** Moments as Intercom wants them (Unix seconds), from what n8n hands a node: a date, ISO text, or a number. */

/** Unix seconds from a date, an ISO text, unix seconds or milliseconds; now when empty. */
export function toUnixSeconds(raw: unknown, now = Date.now()): number | undefined {
	if (raw === undefined || raw === null || raw === '') return Math.floor(now / 1000);
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : Math.floor(raw.getTime() / 1000);
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const value = Number(text);
		// Anything past the year 33658 in seconds is really milliseconds.
		return Math.floor(value > 1e12 ? value / 1000 : value);
	}
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
}

/** `2030-01-15`, `2030-01-15T09:00` or `2030-01-15T09:00:00(.000)`: a wall-clock time without zone or offset. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** How far `timeZone`'s clocks are ahead of UTC at the instant `utcMs`, in ms. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Like `toUnixSeconds`, but empty stays empty, and a time without an offset (what n8n's date picker stores) is
 * read in `timeZone` (the workflow's), not in the n8n server's own zone.
 */
export function zonedUnixSeconds(raw: unknown, timeZone: string): number | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	const wall = typeof raw === 'string' ? WALL_CLOCK.exec(raw.trim()) : null;
	if (!wall) return toUnixSeconds(raw);
	const [year, month, day, hour, minute, second] = wall.slice(1).map((value) => Number(value ?? 0));
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	if (Number.isNaN(asUtc)) return undefined;
	// Two passes: the offset at the first guess can differ from the one at the answer around a DST change.
	const firstGuess = asUtc - zoneOffsetMs(asUtc, timeZone);
	return Math.floor((asUtc - zoneOffsetMs(firstGuess, timeZone)) / 1000);
}
