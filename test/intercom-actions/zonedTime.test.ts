import { zonedUnixSeconds } from '../../nodes/common/unixTime';

const utc = (...parts: [number, number, number, number?, number?]) => Date.UTC(...parts) / 1000;

describe('zonedUnixSeconds (Snooze Until)', () => {
	it.each([
		['2030-01-15T09:00:00', 'America/New_York', utc(2030, 0, 15, 14)],
		['2030-07-15T09:00:00', 'America/New_York', utc(2030, 6, 15, 13)],
		['2030-07-15T09:00', 'Europe/Berlin', utc(2030, 6, 15, 7)],
		['2030-01-15', 'Europe/Berlin', utc(2030, 0, 14, 23)],
		['2030-03-31T03:30:00', 'Europe/Berlin', utc(2030, 2, 31, 1, 30)],
		['2030-01-15T09:00:00.000', 'UTC', utc(2030, 0, 15, 9)],
	])('reads %p without an offset in %p', (raw, zone, expected) => {
		expect(zonedUnixSeconds(raw, zone)).toBe(expected);
	});

	it.each([
		['2030-01-15T09:00:00Z', utc(2030, 0, 15, 9)],
		['2030-01-15T09:00:00+01:00', utc(2030, 0, 15, 8)],
		['1894006800', 1894006800],
		[1894006800000, 1894006800],
		[new Date(Date.UTC(2030, 0, 15, 9)), utc(2030, 0, 15, 9)],
	])('keeps the moment %p names whatever the zone', (raw, expected) => {
		expect(zonedUnixSeconds(raw, 'Asia/Tokyo')).toBe(expected);
	});

	it.each([[''], ['  '], [undefined], [null], ['tomorrow']])('%p is no moment', (raw) => {
		expect(zonedUnixSeconds(raw, 'UTC')).toBeUndefined();
	});
});
