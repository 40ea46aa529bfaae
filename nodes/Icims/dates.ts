// iCIMS writes dates as "yyyy-mm-dd hh:mm AM", in UTC.
const ICIMS_DATE = /^\d{4}-\d{2}-\d{2} (0[1-9]|1[0-2]):[0-5]\d (AM|PM)$/i;

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

export function isIcimsDate(text: string): boolean {
	return ICIMS_DATE.test(text.trim());
}

/** A moment in iCIMS' own format, in UTC. */
export function toIcimsDate(date: Date): string {
	const hours = date.getUTCHours();
	const twelve = hours % 12 === 0 ? 12 : hours % 12;
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(twelve)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** An ISO date, epoch milliseconds or an iCIMS date as iCIMS' format; undefined when it is none of them. */
export function asIcimsDate(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : toIcimsDate(value);
	// A Luxon DateTime from an expression such as {{ $now }} prints as ISO.
	if (value !== null && typeof value === 'object') return asIcimsDate(String(value));
	if (typeof value === 'number') return Number.isFinite(value) ? toIcimsDate(new Date(value)) : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (isIcimsDate(text)) return text.toUpperCase();
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : toIcimsDate(new Date(parsed));
}

/** An iCIMS date (read as UTC) or any other date form as ISO 8601; null when it is neither. */
export function icimsDateToIso(value: unknown): string | null {
	if (typeof value === 'string' && isIcimsDate(value)) {
		const [date, time, half] = value.trim().split(' ');
		const [year, month, day] = date.split('-').map(Number);
		const [hours, minutes] = time.split(':').map(Number);
		const hours24 = (hours % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
		return new Date(Date.UTC(year, month - 1, day, hours24, minutes)).toISOString();
	}
	if (value === undefined || value === null || value === '') return null;
	const parsed = typeof value === 'number' ? value : Date.parse(String(value));
	return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
